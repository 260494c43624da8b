package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepwise.language.json.Json;

/** {@code States.StringToJson}, {@code States.JsonToString} and {@code States.JsonMerge}. */
final class JsonFunctions {
  private JsonFunctions() {}

  /** Parses JSON text; AWS answers null for an empty or blank string. */
  static JsonNode stringToJson(Invocation call) {
    call.arity(1);
    String text = call.string(0);
    try {
      JsonNode parsed = Json.parse(text);
      return parsed.isMissingNode() ? NullNode.getInstance() : parsed;
    } catch (JsonProcessingException e) {
      throw call.invalid();
    }
  }

  static JsonNode jsonToString(Invocation call) {
    call.arity(1);
    return TextNode.valueOf(Json.write(call.node(0)));
  }

  /**
   * Shallow merge: keys of the second object replace those of the first. AWS supports only shallow
   * mode: a third argument of {@code true} fails, anything else (even {@code 'true'}) means
   * shallow.
   */
  static JsonNode jsonMerge(Invocation call) {
    call.arity(3);
    ObjectNode first = call.object(0);
    ObjectNode second = call.object(1);
    if (call.node(2).isBoolean() && call.node(2).booleanValue()) {
      throw call.invalid();
    }
    ObjectNode merged = first.deepCopy();
    second.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    return merged;
  }
}
