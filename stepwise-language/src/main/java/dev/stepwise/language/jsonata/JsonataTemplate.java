package dev.stepwise.language.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSONata-mode field value: any JSON in which strings of the form {@code {% expr %}} are JSONata
 * expressions, evaluated with {@code $states} and the variables bound. Compiled once; thread-safe.
 */
public final class JsonataTemplate implements Expression {
  private sealed interface Node {}

  private record Constant(JsonNode value) implements Node {}

  private record Expr(JsonataExpression expression) implements Node {}

  private record Member(String name, Node value) {}

  private record Obj(List<Member> members) implements Node {}

  private record Arr(List<Node> items) implements Node {}

  private final Node root;
  private final String source;

  private JsonataTemplate(Node root, String source) {
    this.root = root;
    this.source = source;
  }

  /** Whether a string is a JSONata expression: starts with {@code {%} and ends with {@code %}}. */
  public static boolean isExpression(String text) {
    return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
  }

  /**
   * @param field the field path for messages, e.g. {@code Output} or {@code Arguments}
   */
  public static Expression compile(JsonNode value, String field) throws ExpressionSyntaxException {
    Node root = node(value, field);
    String source = root instanceof Expr e ? e.expression().text() : Json.write(value);
    return new JsonataTemplate(root, source);
  }

  private static Node node(JsonNode value, String field) throws ExpressionSyntaxException {
    if (value.isTextual() && isExpression(value.asText())) {
      String text = value.asText();
      return new Expr(JsonataExpression.parse(text.substring(2, text.length() - 2).strip(), field));
    }
    if (value.isObject()) {
      List<Member> members = new ArrayList<>();
      boolean constant = true;
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        Node n = node(e.getValue(), field + "/" + e.getKey());
        constant &= n instanceof Constant;
        members.add(new Member(e.getKey(), n));
      }
      return constant ? new Constant(value) : new Obj(List.copyOf(members));
    }
    if (value.isArray()) {
      List<Node> items = new ArrayList<>();
      boolean constant = true;
      for (int i = 0; i < value.size(); i++) {
        Node n = node(value.get(i), field + "[" + i + "]");
        constant &= n instanceof Constant;
        items.add(n);
      }
      return constant ? new Constant(value) : new Arr(List.copyOf(items));
    }
    return new Constant(value);
  }

  @Override
  public JsonNode evaluate(JsonNode input, Scope scope) {
    return evaluate(root, scope);
  }

  private static JsonNode evaluate(Node node, Scope scope) {
    return switch (node) {
      case Constant c -> c.value();
      case Expr e -> e.expression().evaluate(scope);
      case Obj o -> {
        ObjectNode out = Json.NODES.objectNode();
        for (Member m : o.members()) {
          out.set(m.name(), evaluate(m.value(), scope));
        }
        yield out;
      }
      case Arr a -> {
        ArrayNode out = Json.NODES.arrayNode(a.items().size());
        for (Node item : a.items()) {
          out.add(evaluate(item, scope));
        }
        yield out;
      }
    };
  }

  @Override
  public String source() {
    return source;
  }
}
