package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * An evaluated argument.
 *
 * @param template the string literal as written (escapes kept), when the argument is one
 * @param parsed whether the value is a result of {@code States.StringToJson}: AWS holds those as
 *     JSON trees and prints them as JSON text, where every other value prints the Java way
 */
record Value(JsonNode node, @Nullable String template, boolean parsed) {

  static Value of(JsonNode node) {
    return new Value(node, null, false);
  }

  /** The text AWS substitutes for this value in {@code States.Format} and compares with. */
  String text() {
    return parsed ? Json.write(node) : JavaValues.text(node);
  }

  /** The text of {@code element}, an element of this array value. */
  String elementText(JsonNode element) {
    return parsed ? Json.write(element) : JavaValues.text(element);
  }
}
