package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * A payload's JSON text, written when first needed: by a size check, when its history is read or
 * stored, or never. The events that show one payload (a state's output, the next state's input)
 * share one.
 */
final class PayloadText {
  private final JsonNode node;

  // Racy on purpose: readers on other threads may each write the same text once.
  private @Nullable String text;

  /**
   * @param node never changed afterwards (the interpreter builds new nodes instead)
   */
  PayloadText(JsonNode node) {
    this.node = node;
  }

  JsonNode node() {
    return node;
  }

  String get() {
    String t = text;
    if (t == null) {
      t = Json.write(node);
      text = t;
    }
    return t;
  }
}
