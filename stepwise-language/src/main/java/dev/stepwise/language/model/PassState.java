package dev.stepwise.language.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.path.ReferencePath;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code Pass}: {@code Result} (JSONPath) stands in for a task result.
 *
 * @param parameters JSONPath {@code Parameters}, or null
 * @param result JSONPath {@code Result}, or null (the effective input is the result)
 * @param resultPath {@code $} by default; empty = {@code "ResultPath": null}
 */
public record PassState(
    String name,
    @Nullable String comment,
    QueryLanguage queryLanguage,
    Io io,
    Transition transition,
    @Nullable Expression parameters,
    @Nullable JsonNode result,
    Optional<ReferencePath> resultPath)
    implements State {
  @Override
  public String type() {
    return "Pass";
  }
}
