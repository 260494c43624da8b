package dev.stepwise.language.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.choice.Condition;
import dev.stepwise.language.choice.Operator;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.jsonata.JsonataTemplate;
import dev.stepwise.language.model.QueryLanguage;
import dev.stepwise.language.path.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Parses Choice rules: JSONPath rule trees, or a JSONata {@code Condition}. */
final class ChoiceRules {
  private static final Set<String> RULE_FIELDS = Set.of("Next", "Comment", "Assign");

  private final Diagnostics diagnostics;

  ChoiceRules(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** A top-level rule (its Next, Assign and Output are read by the caller). */
  Condition topLevel(Node rule, QueryLanguage ql) {
    if (ql == QueryLanguage.JSONATA) {
      rule.allowOnly(Set.of("Condition", "Next", "Comment", "Assign", "Output"));
      rule.require("Condition");
      return jsonataCondition(rule);
    }
    return rule(rule, true);
  }

  private Condition jsonataCondition(Node rule) {
    JsonNode v = rule.get("Condition");
    if (v == null) {
      return constant(false);
    }
    if (v.isBoolean()) {
      return constant(v.asBoolean());
    }
    if (!v.isTextual() || !JsonataTemplate.isExpression(v.asText())) {
      diagnostics.schema(
          "The field 'Condition' must be a boolean or a JSONata expression", rule.at("Condition"));
      return constant(false);
    }
    try {
      return new Condition.Jsonata(JsonataTemplate.compile(v, "Condition"));
    } catch (ExpressionSyntaxException e) {
      diagnostics.schema(e.getMessage(), rule.at("Condition"));
      return constant(false);
    }
  }

  private static Condition constant(boolean value) {
    JsonNode literal = dev.stepwise.language.json.Json.NODES.booleanNode(value);
    return new Condition.Jsonata(
        new Expression() {
          @Override
          public JsonNode evaluate(JsonNode input, Scope scope) {
            return literal;
          }

          @Override
          public String source() {
            return literal.toString();
          }
        });
  }

  private Condition rule(Node rule, boolean top) {
    Set<String> present = new HashSet<>();
    for (Iterator<String> it = rule.json().fieldNames(); it.hasNext(); ) {
      present.add(it.next());
    }
    if (present.contains("And") || present.contains("Or")) {
      String op = present.contains("And") ? "And" : "Or";
      List<Condition> parts = new ArrayList<>();
      JsonNode v = rule.get(op);
      if (!v.isArray() || v.isEmpty()) {
        diagnostics.schema(
            v.isArray() ? "Value cannot be empty" : Node.typeMessage(op, "ARRAY", v), rule.at(op));
      } else {
        for (int i = 0; i < v.size(); i++) {
          String loc = rule.at(op) + "[" + i + "]";
          if (!v.get(i).isObject()) {
            diagnostics.schema(Node.typeMessage(op, "OBJECT", v.get(i)), loc);
            continue;
          }
          parts.add(rule(new Node(v.get(i), loc, diagnostics), false));
        }
      }
      checkOnly(rule, top, Set.of(op));
      return op.equals("And") ? new Condition.And(parts) : new Condition.Or(parts);
    }
    if (present.contains("Not")) {
      checkOnly(rule, top, Set.of("Not"));
      Node inner = rule.object("Not");
      return new Condition.Not(inner == null ? constant(false) : rule(inner, false));
    }
    return comparison(rule, top, present);
  }

  private void checkOnly(Node rule, boolean top, Set<String> logical) {
    Set<String> allowed = new HashSet<>(logical);
    allowed.add("Comment");
    if (top) {
      allowed.addAll(RULE_FIELDS);
    }
    rule.allowOnly(allowed);
  }

  private Condition comparison(Node rule, boolean top, Set<String> present) {
    Operator operator = null;
    String operatorField = null;
    int operators = 0;
    for (String f : present) {
      Operator op = Operator.byField(f);
      if (op == null && f.endsWith("Path")) {
        op = Operator.byField(f.substring(0, f.length() - 4));
        if (op != null && !op.hasPathForm()) {
          op = null;
        }
      }
      if (op != null) {
        operators++;
        operator = op;
        operatorField = f;
      }
    }
    Set<String> allowed = new HashSet<>(Set.of("Variable", "Comment"));
    if (top) {
      allowed.addAll(RULE_FIELDS);
    }
    if (operatorField != null) {
      allowed.add(operatorField);
    }
    if (operators > 1) {
      diagnostics.schema(
          "Each Choice Rule can only have one comparison operator.", rule.location());
      return ChoiceRules.constant(false);
    }
    rule.allowOnly(allowed);
    if (operators == 0) {
      diagnostics.schema(
          "A Choice Rule must have a comparison operator or one of And, Or, Not", rule.location());
      return ChoiceRules.constant(false);
    }
    rule.require("Variable");
    Expression variable = path(rule, "Variable");
    JsonNode value = rule.get(operatorField);
    boolean pathForm = !operatorField.equals(operator.field());
    if (pathForm) {
      Expression operand = path(rule, operatorField);
      return new Condition.Comparison(orNothing(variable), operator, null, orNothing(operand));
    }
    checkLiteral(rule, operator, operatorField, value);
    return new Condition.Comparison(orNothing(variable), operator, value, null);
  }

  private void checkLiteral(Node rule, Operator op, String field, JsonNode value) {
    String expected =
        switch (op) {
          case STRING_EQUALS,
              STRING_LESS_THAN,
              STRING_GREATER_THAN,
              STRING_LESS_THAN_EQUALS,
              STRING_GREATER_THAN_EQUALS,
              STRING_MATCHES,
              TIMESTAMP_EQUALS,
              TIMESTAMP_LESS_THAN,
              TIMESTAMP_GREATER_THAN,
              TIMESTAMP_LESS_THAN_EQUALS,
              TIMESTAMP_GREATER_THAN_EQUALS ->
              value.isTextual() ? null : "STRING";
          case NUMERIC_EQUALS,
              NUMERIC_LESS_THAN,
              NUMERIC_GREATER_THAN,
              NUMERIC_LESS_THAN_EQUALS,
              NUMERIC_GREATER_THAN_EQUALS ->
              value.isNumber() ? null : "NUMBER";
          case BOOLEAN_EQUALS,
              IS_NULL,
              IS_PRESENT,
              IS_NUMERIC,
              IS_STRING,
              IS_BOOLEAN,
              IS_TIMESTAMP ->
              value.isBoolean() ? null : "BOOLEAN";
        };
    if (expected != null) {
      diagnostics.schema(Node.typeMessage(field, expected, value), rule.at(field));
    }
  }

  private @Nullable Expression path(Node rule, String field) {
    String text = rule.string(field);
    if (text == null) {
      return null;
    }
    try {
      return Paths.compile(text);
    } catch (ExpressionSyntaxException e) {
      diagnostics.schema(
          "The value for the field '" + field + "' must be a valid JSONPath", rule.at(field));
      return null;
    }
  }

  private static Expression orNothing(@Nullable Expression e) {
    return e != null
        ? e
        : new Expression() {
          @Override
          public JsonNode evaluate(JsonNode input, Scope scope) {
            throw new IllegalStateException("invalid definitions are never run");
          }

          @Override
          public String source() {
            return "";
          }
        };
  }
}
