package dev.stepwise.language.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.json.Json;

/**
 * A path that feeds a named field (a {@code .$} key, {@code ErrorPath}, {@code CausePath}): a miss
 * fails with AWS's {@code The JSONPath '<path>' specified for the field '<field>' could not be
 * found in the input '<input>'}.
 */
public final class FieldPath implements Expression {
  private final CompiledPath path;
  private final String field;

  public FieldPath(CompiledPath path, String field) {
    this.path = path;
    this.field = field;
  }

  @Override
  public JsonNode evaluate(JsonNode input, Scope scope) {
    JsonNode found = path.find(input, scope);
    if (found == null) {
      throw StatesException.runtime(
          "The JSONPath '"
              + path.source()
              + "' specified for the field '"
              + field
              + "' could not be found in the input '"
              + Json.write(input)
              + "'");
    }
    return found;
  }

  @Override
  public String source() {
    return path.source();
  }
}
