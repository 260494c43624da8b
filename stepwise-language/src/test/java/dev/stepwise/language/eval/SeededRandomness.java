package dev.stepwise.language.eval;

import java.util.SplittableRandom;

/** Reproducible {@link Randomness} for tests. */
public final class SeededRandomness {
  private SeededRandomness() {}

  public static Randomness seeded(long seed) {
    return Randomness.from(new SplittableRandom(seed));
  }

  /**
   * Always draws the same values: {@code nextLong} gives {@code bits}, {@code nextDouble} gives d.
   */
  public static Randomness fixed(long bits, double d) {
    return new Randomness() {
      @Override
      public long nextLong() {
        return bits;
      }

      @Override
      public double nextDouble() {
        return d;
      }
    };
  }
}
