package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * A payload's JSON text, written when first needed: by a size check, when its history is read or
 * stored, or never. The events that show one payload (a state's output, the next state's input)
 * share one. Once written, the text alone is kept: a history holds compact strings, not the nodes
 * each state built.
 */
final class PayloadText {
  private @Nullable JsonNode node;
  private @Nullable String text;

  /**
   * @param node never changed afterwards (the interpreter builds new nodes instead)
   */
  PayloadText(JsonNode node) {
    this.node = node;
  }

  // Synchronized: the history may be read or stored on another thread.
  synchronized String get() {
    if (text == null) {
      text = Json.write(node);
      node = null;
    }
    return text;
  }
}
