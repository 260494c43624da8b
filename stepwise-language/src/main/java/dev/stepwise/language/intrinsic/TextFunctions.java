package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepwise.language.json.Json;
import java.util.List;
import java.util.StringTokenizer;

/** {@code States.Format}, {@code States.StringSplit} and {@code States.UUID}. */
final class TextFunctions {
  private TextFunctions() {}

  /**
   * Fills each {@code {}} of the template with the next argument's printed form: strings as they
   * are, other values the Java way ({@code null}, {@code 1.1}, {@code {a=1, b=[]}}).
   */
  static JsonNode format(Invocation call) {
    call.arity(1, Integer.MAX_VALUE);
    Value first = call.value(0);
    String template;
    if (first.template() != null) {
      template = first.template();
    } else if (first.node().isTextual()) {
      template = first.node().textValue();
    } else {
      throw call.invalid();
    }
    List<String> values =
        call.args().subList(1, call.args().size()).stream().map(Value::text).toList();
    return TextNode.valueOf(FormatTemplate.fill(template, values, call));
  }

  /**
   * Splits on every character of the second string and drops empty pieces ({@code
   * java.util.StringTokenizer}, as AWS behaves: {@code ", , ,"} on {@code ","} gives two blanks).
   */
  static JsonNode split(Invocation call) {
    call.arity(2);
    StringTokenizer tokens = new StringTokenizer(call.string(0), call.string(1));
    ArrayNode result = Json.NODES.arrayNode();
    while (tokens.hasMoreTokens()) {
      result.add(tokens.nextToken());
    }
    return result;
  }

  static JsonNode uuid(Invocation call) {
    call.arity(0);
    return TextNode.valueOf(call.scope().randomness().uuid().toString());
  }
}
