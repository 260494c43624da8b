package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.QueryLanguage;
import dev.stepwise.language.model.ValueSource;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A Fail state's {@code Error}/{@code Cause}, which must come out as strings. */
final class FailFields {
  private FailFields() {}

  static @Nullable String text(
      @Nullable ValueSource source, JsonNode input, Supplier<Scope> scope, QueryLanguage language) {
    return switch (source) {
      case null -> null;
      case ValueSource.Literal l -> l.value().asText();
      case ValueSource.Dynamic d -> {
        JsonNode v = d.expression().evaluate(input, scope.get());
        if (!v.isTextual()) {
          throw language == QueryLanguage.JSONATA
              ? StatesException.queryEvaluation(
                  "The JSONata expression '"
                      + d.expression().source()
                      + "' specified for the field '"
                      + d.field()
                      + "' returned an unexpected result type. Expected 'string', but was '"
                      + Interpreter.jsonTypeName(v)
                      + "' for value: "
                      + Json.write(v))
              : StatesException.runtime(
                  "The JsonPath expression for field '" + d.field() + "' must resolve to a string");
        }
        yield v.asText();
      }
    };
  }
}
