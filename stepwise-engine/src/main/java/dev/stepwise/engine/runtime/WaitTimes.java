package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.eval.Timestamps;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.ValueSource;
import dev.stepwise.language.model.WaitState;
import dev.stepwise.language.parse.MachineType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a Wait state wakes up, with AWS's errors for bad values. */
final class WaitTimes {
  private WaitTimes() {}

  /** AWS's maximum wait: a year for STANDARD, five minutes for EXPRESS. */
  private static Duration maximum(MachineType type) {
    return type == MachineType.EXPRESS ? Duration.ofMinutes(5) : Duration.ofDays(365);
  }

  static Instant due(
      WaitState s, JsonNode effectiveInput, Scope scope, Instant now, MachineType type) {
    ValueSource source = s.value();
    JsonNode v =
        switch (source) {
          case ValueSource.Literal l -> l.value();
          case ValueSource.Dynamic d -> d.expression().evaluate(effectiveInput, scope);
        };
    boolean path = source instanceof ValueSource.Dynamic d && d.field().endsWith("Path");
    String reference =
        source instanceof ValueSource.Dynamic d ? d.expression().source() : source.field();
    Instant due;
    if (s.timestamp()) {
      Optional<Instant> at = v.isTextual() ? Timestamps.parse(v.asText()) : Optional.empty();
      if (at.isEmpty()) {
        String text = v.isTextual() ? v.asText() : Json.write(v);
        throw path
            ? StatesException.runtime(
                "The TimestampPath parameter does not reference a valid ISO-8601 extended offset"
                    + " date-time format string: "
                    + reference
                    + " == "
                    + text)
            : StatesException.queryEvaluation(
                "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time"
                    + " format string: "
                    + text);
      }
      due = at.get();
    } else {
      if (!v.isIntegralNumber()) {
        throw path
            ? StatesException.runtime(
                "The SecondsPath parameter cannot be parsed as a long value: "
                    + reference
                    + " == "
                    + Json.write(v))
            : StatesException.queryEvaluation(
                "The Seconds field cannot be parsed as a long value: " + Json.write(v));
      }
      if (v.asLong() < 0) {
        throw path
            ? StatesException.runtime(
                "The SecondsPath parameter references a negative value: "
                    + reference
                    + " == "
                    + v.asLong())
            : StatesException.queryEvaluation(
                "The Seconds field references a negative value: " + v.asLong());
      }
      due = now.plusSeconds(v.asLong());
    }
    if (Duration.between(now, due).compareTo(maximum(type)) > 0) {
      throw StatesException.runtime("Wait state delay is too long.");
    }
    return due;
  }
}
