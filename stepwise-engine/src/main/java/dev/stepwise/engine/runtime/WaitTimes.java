package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.model.ValueSource;
import dev.stepwise.language.model.WaitState;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** When a Wait state wakes up. */
final class WaitTimes {
  private WaitTimes() {}

  static Instant due(
      WaitState s, JsonNode effectiveInput, Scope scope, Instant now, MachineType type) {
    JsonNode v =
        switch (s.value()) {
          case ValueSource.Literal l -> l.value();
          case ValueSource.Dynamic d -> d.expression().evaluate(effectiveInput, scope);
        };
    String source =
        s.value() instanceof ValueSource.Dynamic d ? d.expression().source() : s.value().field();
    if (s.timestamp()) {
      try {
        return OffsetDateTime.parse(v.asText()).toInstant();
      } catch (DateTimeParseException e) {
        throw StatesException.runtime(
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset"
                + " date-time format string: "
                + source
                + " == "
                + v.asText());
      }
    }
    if (!v.isIntegralNumber()) {
      throw StatesException.runtime(
          "The SecondsPath parameter cannot be parsed as a long value: " + source + " == " + v);
    }
    if (v.asLong() < 0) {
      throw StatesException.runtime(
          "The SecondsPath parameter references a negative value: " + source + " == " + v);
    }
    return now.plusSeconds(v.asLong());
  }
}
