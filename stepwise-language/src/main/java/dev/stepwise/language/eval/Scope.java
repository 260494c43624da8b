package dev.stepwise.language.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * What an expression may read besides its input document: the context object ({@code $$} and {@code
 * $states.context}), variables, and for JSONata the {@code $states} members bound for the field
 * being evaluated ({@code result} and {@code errorOutput} are null where AWS leaves them unbound),
 * and the random source of {@code States.UUID} and {@code States.MathRandom}.
 */
public record Scope(
    JsonNode context,
    Variables variables,
    JsonNode stateInput,
    @Nullable JsonNode result,
    @Nullable JsonNode errorOutput,
    Randomness randomness) {

  /** A scope without a random source ({@link Randomness#UNAVAILABLE}). */
  public Scope(
      JsonNode context,
      Variables variables,
      JsonNode stateInput,
      @Nullable JsonNode result,
      @Nullable JsonNode errorOutput) {
    this(context, variables, stateInput, result, errorOutput, Randomness.UNAVAILABLE);
  }

  public Scope withResult(@Nullable JsonNode newResult) {
    return new Scope(context, variables, stateInput, newResult, errorOutput, randomness);
  }

  public Scope withErrorOutput(@Nullable JsonNode newErrorOutput) {
    return new Scope(context, variables, stateInput, result, newErrorOutput, randomness);
  }

  public Scope withRandomness(Randomness newRandomness) {
    return new Scope(context, variables, stateInput, result, errorOutput, newRandomness);
  }
}
