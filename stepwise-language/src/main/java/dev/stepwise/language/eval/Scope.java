package dev.stepwise.language.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * What an expression may read besides its input document: the context object ({@code $$} and {@code
 * $states.context}), variables, and for JSONata the {@code $states} members bound for the field
 * being evaluated ({@code result} and {@code errorOutput} are null where AWS leaves them unbound).
 */
public record Scope(
    JsonNode context,
    Variables variables,
    JsonNode stateInput,
    @Nullable JsonNode result,
    @Nullable JsonNode errorOutput) {

  public Scope withResult(@Nullable JsonNode newResult) {
    return new Scope(context, variables, stateInput, newResult, errorOutput);
  }

  public Scope withErrorOutput(@Nullable JsonNode newErrorOutput) {
    return new Scope(context, variables, stateInput, result, newErrorOutput);
  }
}
