package dev.stepwise.console.graph;

import dev.stepwise.language.choice.Condition;
import dev.stepwise.language.choice.Operator;
import dev.stepwise.language.json.Json;

/**
 * The short form of a Choice rule's condition that labels its edge, as AWS's console shows it: the
 * variable, the operator and the operand, with And/Or/Not spelled out; a JSONata condition as
 * written. Long labels are cut, with the full text left for a tooltip.
 */
public final class ConditionLabels {
  /** Past this many characters a label is cut and ends with an ellipsis. */
  public static final int MAX_CHARS = 48;

  private ConditionLabels() {}

  public static String full(Condition condition) {
    return switch (condition) {
      case Condition.And and -> join(and.all(), " and ");
      case Condition.Or or -> join(or.any(), " or ");
      case Condition.Not not -> "not (" + full(not.operand()) + ")";
      case Condition.Comparison c when c.operator().name().startsWith("IS_") ->
          c.variable().source()
              + " is "
              + (c.literal() != null && c.literal().isBoolean() && !c.literal().asBoolean()
                  ? "not "
                  : "")
              + c.operator().name().substring(3).toLowerCase(java.util.Locale.ROOT);
      case Condition.Comparison c ->
          c.variable().source()
              + " "
              + symbol(c.operator())
              + (c.literal() != null
                  ? " " + Json.write(c.literal())
                  : c.operandPath() != null ? " " + c.operandPath().source() : "");
      case Condition.Jsonata j -> j.expression().source();
    };
  }

  public static String cut(String label) {
    return label.length() <= MAX_CHARS ? label : label.substring(0, MAX_CHARS - 1) + "…";
  }

  private static String join(java.util.List<Condition> parts, String separator) {
    StringBuilder out = new StringBuilder();
    for (Condition part : parts) {
      if (!out.isEmpty()) {
        out.append(separator);
      }
      boolean group = part instanceof Condition.And || part instanceof Condition.Or;
      out.append(group ? "(" : "").append(full(part)).append(group ? ")" : "");
    }
    return out.toString();
  }

  private static String symbol(Operator operator) {
    String name = operator.name();
    if (name.endsWith("_EQUALS") && !name.contains("THAN")) {
      return "==";
    }
    if (name.endsWith("_LESS_THAN_EQUALS")) {
      return "<=";
    }
    if (name.endsWith("_GREATER_THAN_EQUALS")) {
      return ">=";
    }
    if (name.endsWith("_LESS_THAN")) {
      return "<";
    }
    if (name.endsWith("_GREATER_THAN")) {
      return ">";
    }
    return operator == Operator.STRING_MATCHES ? "matches" : name;
  }
}
