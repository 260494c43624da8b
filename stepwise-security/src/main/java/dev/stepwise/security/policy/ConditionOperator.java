package dev.stepwise.security.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A condition operator as written, e.g. {@code ForAnyValue:StringLikeIfExists}: a set qualifier, a
 * base operator and the {@code IfExists} suffix.
 *
 * @param name the operator exactly as written in the policy
 */
public record ConditionOperator(String name, Qualifier qualifier, Base base, boolean ifExists) {

  /** How a multivalued context key is compared. */
  public enum Qualifier {
    /** No qualifier: a single-valued comparison. */
    NONE,
    /** {@code ForAnyValue:}: at least one request value must match. */
    FOR_ANY_VALUE,
    /** {@code ForAllValues:}: every request value must match (true when the key is absent). */
    FOR_ALL_VALUES
  }

  /** The comparison families of IAM's condition operators. */
  enum Kind {
    STRING,
    STRING_IGNORE_CASE,
    STRING_LIKE,
    NUMERIC,
    DATE,
    BOOL,
    ARN,
    NULL
  }

  /** How two values of an ordered kind compare. */
  enum Comparison {
    EQ,
    LT,
    LE,
    GT,
    GE
  }

  /** The base operators, named as in IAM. Negated ones match when no policy value matches. */
  public enum Base {
    StringEquals(Kind.STRING, Comparison.EQ, false),
    StringNotEquals(Kind.STRING, Comparison.EQ, true),
    StringEqualsIgnoreCase(Kind.STRING_IGNORE_CASE, Comparison.EQ, false),
    StringNotEqualsIgnoreCase(Kind.STRING_IGNORE_CASE, Comparison.EQ, true),
    StringLike(Kind.STRING_LIKE, Comparison.EQ, false),
    StringNotLike(Kind.STRING_LIKE, Comparison.EQ, true),
    NumericEquals(Kind.NUMERIC, Comparison.EQ, false),
    NumericNotEquals(Kind.NUMERIC, Comparison.EQ, true),
    NumericLessThan(Kind.NUMERIC, Comparison.LT, false),
    NumericLessThanEquals(Kind.NUMERIC, Comparison.LE, false),
    NumericGreaterThan(Kind.NUMERIC, Comparison.GT, false),
    NumericGreaterThanEquals(Kind.NUMERIC, Comparison.GE, false),
    DateEquals(Kind.DATE, Comparison.EQ, false),
    DateNotEquals(Kind.DATE, Comparison.EQ, true),
    DateLessThan(Kind.DATE, Comparison.LT, false),
    DateLessThanEquals(Kind.DATE, Comparison.LE, false),
    DateGreaterThan(Kind.DATE, Comparison.GT, false),
    DateGreaterThanEquals(Kind.DATE, Comparison.GE, false),
    Bool(Kind.BOOL, Comparison.EQ, false),
    ArnEquals(Kind.ARN, Comparison.EQ, false),
    ArnLike(Kind.ARN, Comparison.EQ, false),
    ArnNotEquals(Kind.ARN, Comparison.EQ, true),
    ArnNotLike(Kind.ARN, Comparison.EQ, true),
    Null(Kind.NULL, Comparison.EQ, false);

    final Kind kind;
    final Comparison comparison;
    final boolean negated;

    Base(Kind kind, Comparison comparison, boolean negated) {
      this.kind = kind;
      this.comparison = comparison;
      this.negated = negated;
    }

    public boolean negated() {
      return negated;
    }
  }

  private static final String FOR_ANY_VALUE = "ForAnyValue:";
  private static final String FOR_ALL_VALUES = "ForAllValues:";
  private static final String IF_EXISTS = "IfExists";

  /** The operator {@code name} denotes, or null when IAM has no such operator. */
  public static @Nullable ConditionOperator parse(String name) {
    String rest = name;
    Qualifier qualifier = Qualifier.NONE;
    if (rest.startsWith(FOR_ANY_VALUE)) {
      qualifier = Qualifier.FOR_ANY_VALUE;
      rest = rest.substring(FOR_ANY_VALUE.length());
    } else if (rest.startsWith(FOR_ALL_VALUES)) {
      qualifier = Qualifier.FOR_ALL_VALUES;
      rest = rest.substring(FOR_ALL_VALUES.length());
    }
    boolean ifExists = false;
    if (rest.endsWith(IF_EXISTS) && !rest.equals(IF_EXISTS)) {
      ifExists = true;
      rest = rest.substring(0, rest.length() - IF_EXISTS.length());
    }
    for (Base base : Base.values()) {
      if (base.name().equals(rest)) {
        if (base == Base.Null && (ifExists || qualifier != Qualifier.NONE)) {
          return null;
        }
        return new ConditionOperator(name, qualifier, base, ifExists);
      }
    }
    return null;
  }

  /** Why a policy value cannot be used with this operator, or null when it can. */
  @Nullable String invalidValue(String value) {
    return switch (base.kind) {
      case NUMERIC -> number(value) == null ? "is not a number" : null;
      case DATE -> date(value) == null ? "is not a date" : null;
      case BOOL, NULL ->
          value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
              ? null
              : "is not \"true\" or \"false\"";
      case STRING, STRING_IGNORE_CASE, STRING_LIKE, ARN -> null;
    };
  }

  /** Whether one request value matches one policy value, before negation. */
  boolean matchesOne(String requestValue, String policyValue) {
    return switch (base.kind) {
      case STRING -> requestValue.equals(policyValue);
      case STRING_IGNORE_CASE ->
          requestValue.toLowerCase(Locale.ROOT).equals(policyValue.toLowerCase(Locale.ROOT));
      case STRING_LIKE -> Wildcard.matches(policyValue, requestValue, false);
      case ARN -> Wildcard.matchesArn(policyValue, requestValue);
      case BOOL -> requestValue.equalsIgnoreCase(policyValue);
      case NUMERIC -> compare(number(requestValue), number(policyValue));
      case DATE -> compare(date(requestValue), date(policyValue));
      case NULL -> throw new IllegalStateException("Null compares presence, not values");
    };
  }

  private <T extends Comparable<T>> boolean compare(@Nullable T request, @Nullable T policy) {
    if (request == null || policy == null) {
      return false;
    }
    int c = request.compareTo(policy);
    return switch (base.comparison) {
      case EQ -> c == 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
    };
  }

  private static @Nullable BigDecimal number(String value) {
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** ISO 8601 (date, local date-time as UTC, or instant with offset) or epoch seconds. */
  static @Nullable Instant date(String value) {
    String v = value.trim();
    if (v.matches("-?[0-9]+")) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      // try the other shapes
    }
    try {
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try a plain date
    }
    try {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
