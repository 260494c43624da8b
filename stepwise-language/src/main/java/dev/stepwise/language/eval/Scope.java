package dev.stepwise.language.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What an expression may read besides its input document: the context object ({@code $$} and {@code
 * $states.context}), variables, and for JSONata the {@code $states} members bound for the field
 * being evaluated ({@code result} and {@code errorOutput} are null where AWS leaves them unbound),
 * and the random source of {@code States.UUID} and {@code States.MathRandom}.
 *
 * <p>The context object is built on first use: most states never read it.
 */
public final class Scope {
  private final Supplier<JsonNode> contextSource;
  private @Nullable JsonNode context;
  private final Variables variables;
  private final JsonNode stateInput;
  private final @Nullable JsonNode result;
  private final @Nullable JsonNode errorOutput;
  private final Randomness randomness;

  private Scope(
      Supplier<JsonNode> contextSource,
      @Nullable JsonNode context,
      Variables variables,
      JsonNode stateInput,
      @Nullable JsonNode result,
      @Nullable JsonNode errorOutput,
      Randomness randomness) {
    this.contextSource = contextSource;
    this.context = context;
    this.variables = variables;
    this.stateInput = stateInput;
    this.result = result;
    this.errorOutput = errorOutput;
    this.randomness = randomness;
  }

  public Scope(
      JsonNode context,
      Variables variables,
      JsonNode stateInput,
      @Nullable JsonNode result,
      @Nullable JsonNode errorOutput,
      Randomness randomness) {
    this(() -> context, context, variables, stateInput, result, errorOutput, randomness);
  }

  /** A scope without a random source ({@link Randomness#UNAVAILABLE}). */
  public Scope(
      JsonNode context,
      Variables variables,
      JsonNode stateInput,
      @Nullable JsonNode result,
      @Nullable JsonNode errorOutput) {
    this(context, variables, stateInput, result, errorOutput, Randomness.UNAVAILABLE);
  }

  /** A scope whose context object is built by {@code context} when an expression first reads it. */
  public static Scope lazy(
      Supplier<JsonNode> context, Variables variables, JsonNode stateInput, Randomness randomness) {
    return new Scope(context, null, variables, stateInput, null, null, randomness);
  }

  public JsonNode context() {
    JsonNode c = context;
    if (c == null) {
      c = contextSource.get();
      context = c;
    }
    return c;
  }

  public Variables variables() {
    return variables;
  }

  public JsonNode stateInput() {
    return stateInput;
  }

  public @Nullable JsonNode result() {
    return result;
  }

  public @Nullable JsonNode errorOutput() {
    return errorOutput;
  }

  public Randomness randomness() {
    return randomness;
  }

  public Scope withResult(@Nullable JsonNode newResult) {
    return new Scope(
        this::context, context, variables, stateInput, newResult, errorOutput, randomness);
  }

  public Scope withErrorOutput(@Nullable JsonNode newErrorOutput) {
    return new Scope(
        this::context, context, variables, stateInput, result, newErrorOutput, randomness);
  }

  public Scope withRandomness(Randomness newRandomness) {
    return new Scope(
        this::context, context, variables, stateInput, result, errorOutput, newRandomness);
  }
}
