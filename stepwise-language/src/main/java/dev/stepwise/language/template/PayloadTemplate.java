package dev.stepwise.language.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.intrinsic.Intrinsics;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.path.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSONPath payload templates ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector},
 * {@code Credentials}, JSONPath {@code Assign}): keys ending in {@code .$} take their value from a
 * path, a context path, a variable or an intrinsic call. Compiled once; constant sub-trees are
 * shared, so evaluation only builds what depends on the input. Thread-safe.
 */
public final class PayloadTemplate implements Expression {
  private sealed interface Node {}

  private record Constant(JsonNode value) implements Node {}

  private record Dynamic(Expression expression) implements Node {}

  private record Member(String name, Node value) {}

  private record Obj(List<Member> members) implements Node {}

  private record Arr(List<Node> items) implements Node {}

  private final Node root;
  private final String source;

  private PayloadTemplate(Node root, String source) {
    this.root = root;
    this.source = source;
  }

  /**
   * @param field the definition field, e.g. {@code Parameters}, for messages
   */
  public static Expression compile(JsonNode template, String field)
      throws ExpressionSyntaxException {
    return new PayloadTemplate(node(template), Json.write(template));
  }

  private static Node node(JsonNode template) throws ExpressionSyntaxException {
    if (template.isObject()) {
      List<Member> members = new ArrayList<>();
      Set<String> names = new HashSet<>();
      boolean constant = true;
      for (Map.Entry<String, JsonNode> e : template.properties()) {
        String key = e.getKey();
        Node value;
        String name;
        if (key.endsWith(".$")) {
          name = key.substring(0, key.length() - 2);
          value = new Dynamic(dynamic(key, e.getValue()));
        } else {
          name = key;
          value = node(e.getValue());
        }
        if (!names.add(name)) {
          throw new ExpressionSyntaxException(
              "Cannot have both the field '"
                  + name
                  + ".$' and the field '"
                  + name
                  + "' at the same time");
        }
        constant &= value instanceof Constant;
        members.add(new Member(name, value));
      }
      return constant ? new Constant(template) : new Obj(List.copyOf(members));
    }
    if (template.isArray()) {
      List<Node> items = new ArrayList<>();
      boolean constant = true;
      for (JsonNode item : template) {
        Node n = node(item);
        constant &= n instanceof Constant;
        items.add(n);
      }
      return constant ? new Constant(template) : new Arr(List.copyOf(items));
    }
    return new Constant(template);
  }

  private static Expression dynamic(String key, JsonNode value) throws ExpressionSyntaxException {
    if (!value.isTextual()) {
      throw new ExpressionSyntaxException(
          "The value for the field '"
              + key
              + "' must be a STRING that contains a JSONPath but was an "
              + value.getNodeType().name().toUpperCase(Locale.ROOT));
    }
    String text = value.asText();
    try {
      return text.startsWith("$")
          ? Paths.compileForField(text, key)
          : Intrinsics.compile(text, key);
    } catch (ExpressionSyntaxException e) {
      throw new ExpressionSyntaxException(
          "The value for the field '"
              + key
              + "' must be a valid JSONPath or a valid intrinsic function call");
    }
  }

  @Override
  public JsonNode evaluate(JsonNode input, Scope scope) {
    return evaluate(root, input, scope);
  }

  private static JsonNode evaluate(Node node, JsonNode input, Scope scope) {
    return switch (node) {
      case Constant c -> c.value();
      case Dynamic d -> d.expression().evaluate(input, scope);
      case Obj o -> {
        ObjectNode out = Json.NODES.objectNode();
        for (Member m : o.members()) {
          out.set(m.name(), evaluate(m.value(), input, scope));
        }
        yield out;
      }
      case Arr a -> {
        ArrayNode out = Json.NODES.arrayNode(a.items().size());
        for (Node item : a.items()) {
          out.add(evaluate(item, input, scope));
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
