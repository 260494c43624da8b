package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ValueSource;
import org.jspecify.annotations.Nullable;

/**
 * A Map state's {@code MaxConcurrency} and tolerated failures, checked with AWS's messages. Shared
 * by executions and TestState, so the messages live in one place.
 */
final class MapLimits {
  private MapLimits() {}

  /** The items of a JSONata Map ({@code Items}, else the state input): they must be an array. */
  static JsonNode jsonataItems(MapState s, JsonNode input, Scope scope) {
    JsonNode items = s.items() == null ? input : s.items().evaluate(input, scope);
    if (!items.isArray()) {
      throw StatesException.queryEvaluation(
          s.items() == null
              ? "Map state input must be an array but was: " + Json.write(items)
              : "The JSONata expression '"
                  + s.items().source()
                  + "' specified for the field 'Items' returned an unexpected result type."
                  + " Expected 'array', but was '"
                  + Interpreter.jsonTypeName(items)
                  + "' for value: "
                  + Json.write(items));
    }
    return items;
  }

  /**
   * The items of a JSONPath Map ({@code ItemsPath} of the effective input): they must be an array.
   * AWS names a context path by its part after the first {@code $} ({@code $$.Execution.Input} as
   * {@code $.Execution.Input}, as TestState recorded it).
   */
  static JsonNode jsonPathItems(MapState s, JsonNode effective, Scope scope) {
    JsonNode items = s.itemsPath() == null ? effective : s.itemsPath().evaluate(effective, scope);
    if (!items.isArray()) {
      String path = s.itemsPath() == null ? "$" : s.itemsPath().source();
      throw StatesException.runtime(
          "Reference path \""
              + (path.startsWith("$$") ? path.substring(1) : path)
              + "\" must point to array.");
    }
    return items;
  }

  /** {@code MaxConcurrency}: 0 (unlimited) when absent. */
  static int maxConcurrency(@Nullable JsonNode v, @Nullable ValueSource source) {
    if (v == null) {
      return 0;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
      throw invalid(source, v, "integer");
    }
    return v.asInt();
  }

  static @Nullable Long toleratedCount(@Nullable JsonNode v, @Nullable ValueSource source) {
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw invalid(source, v, "integer");
    }
    if (v.asLong() < 0) {
      throw StatesException.runtime("ToleratedFailureCount cannot be negative.");
    }
    return v.asLong();
  }

  static @Nullable Double toleratedPercentage(@Nullable JsonNode v, @Nullable ValueSource source) {
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      throw invalid(source, v, "float");
    }
    double p = v.asDouble();
    if (p < 0 || p > 100) {
      throw StatesException.runtime("ToleratedFailurePercentage must be between 0 and 100.");
    }
    return p;
  }

  /** Whether {@code failures} of {@code total} items exceed what the Map tolerates. */
  static boolean exceeded(
      long failures,
      int total,
      @Nullable Long toleratedCount,
      @Nullable Double toleratedPercentage) {
    if (toleratedCount != null && failures > toleratedCount) {
      return true;
    }
    return toleratedPercentage != null
        && total > 0
        && failures * 100.0 / total > toleratedPercentage;
  }

  private static StatesException invalid(ValueSource source, JsonNode v, String type) {
    if (source instanceof ValueSource.Dynamic d && d.field().endsWith("Path")) {
      return StatesException.runtime(
          "The "
              + d.field()
              + " field refers to value \""
              + (v.isTextual() ? v.asText() : Json.write(v))
              + "\" which is not a valid "
              + type
              + ": "
              + d.expression().source());
    }
    return StatesException.queryEvaluation(
        "The value of the field '"
            + source.field()
            + "' is not a valid "
            + type
            + ": "
            + Json.write(v));
  }
}
