package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.Random;

/** {@code States.MathAdd} and {@code States.MathRandom}. */
final class MathFunctions {
  private MathFunctions() {}

  /** Adds two ints, each rounded half up first; the sum must be an int too. */
  static JsonNode add(Invocation call) {
    call.arity(2);
    long sum = (long) call.rounded(0) + call.rounded(1);
    if (sum < Integer.MIN_VALUE || sum > Integer.MAX_VALUE) {
      throw call.invalid();
    }
    return IntNode.valueOf((int) sum);
  }

  /**
   * An int in {@code [start, end)} (bounds truncated; start must be below end). With a seed the
   * result is {@code new java.util.Random(seed).nextInt(end - start) + start}, AWS's own formula
   * (seed 42 over {@code [-5, 5)} gives -5 on AWS): it never touches the injected source. Without
   * one it draws from {@link dev.stepwise.language.eval.Scope#randomness()}.
   */
  static JsonNode random(Invocation call) {
    call.arity(2, 3);
    int start = call.truncated(0);
    int end = call.truncated(1);
    long width = (long) end - start;
    // Java's int arithmetic: a range wider than Integer.MAX_VALUE overflows and is rejected.
    if (width <= 0 || width > Integer.MAX_VALUE) {
      throw call.invalid();
    }
    if (call.args().size() == 3) {
      long seed = call.wholeNumber(2);
      return IntNode.valueOf(new Random(seed).nextInt((int) width) + start);
    }
    long offset = (long) Math.floor(call.scope().randomness().nextDouble() * width);
    return IntNode.valueOf((int) (start + Math.clamp(offset, 0, width - 1)));
  }
}
