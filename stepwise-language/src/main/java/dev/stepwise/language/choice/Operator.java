package dev.stepwise.language.choice;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The comparison operators of JSONPath Choice rules. Each literal form but {@code StringMatches}
 * and the type tests has a {@code ...Path} twin that takes its operand from a path.
 */
public enum Operator {
  STRING_EQUALS("StringEquals", true),
  STRING_LESS_THAN("StringLessThan", true),
  STRING_GREATER_THAN("StringGreaterThan", true),
  STRING_LESS_THAN_EQUALS("StringLessThanEquals", true),
  STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", true),
  STRING_MATCHES("StringMatches", false),
  NUMERIC_EQUALS("NumericEquals", true),
  NUMERIC_LESS_THAN("NumericLessThan", true),
  NUMERIC_GREATER_THAN("NumericGreaterThan", true),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", true),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", true),
  BOOLEAN_EQUALS("BooleanEquals", true),
  TIMESTAMP_EQUALS("TimestampEquals", true),
  TIMESTAMP_LESS_THAN("TimestampLessThan", true),
  TIMESTAMP_GREATER_THAN("TimestampGreaterThan", true),
  TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", true),
  TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", true),
  IS_NULL("IsNull", false),
  IS_PRESENT("IsPresent", false),
  IS_NUMERIC("IsNumeric", false),
  IS_STRING("IsString", false),
  IS_BOOLEAN("IsBoolean", false),
  IS_TIMESTAMP("IsTimestamp", false);

  private static final Map<String, Operator> BY_FIELD = new HashMap<>();

  static {
    for (Operator op : values()) {
      BY_FIELD.put(op.field, op);
    }
  }

  private final String field;
  private final boolean hasPathForm;

  Operator(String field, boolean hasPathForm) {
    this.field = field;
    this.hasPathForm = hasPathForm;
  }

  /** The literal form's field name, e.g. {@code StringEquals}. */
  public String field() {
    return field;
  }

  public boolean hasPathForm() {
    return hasPathForm;
  }

  /** The operator named by a literal-form field, or null. */
  public static @Nullable Operator byField(String field) {
    return BY_FIELD.get(field);
  }
}
