package dev.stepwise.language.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;

/**
 * A compiled, thread-safe expression: a path, a payload template, an intrinsic call or a JSONata
 * template. Compiled once when a definition is parsed; evaluated many times.
 */
public interface Expression {

  /**
   * Evaluates against {@code input} (the document {@code $} denotes in JSONPath; JSONata reads
   * {@code scope} instead).
   *
   * @throws dev.stepwise.language.eval.StatesException with AWS's error name and cause
   */
  JsonNode evaluate(JsonNode input, Scope scope);

  /** The source text (or JSON) it was compiled from, for messages. */
  String source();
}
