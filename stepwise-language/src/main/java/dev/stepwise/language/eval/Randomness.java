package dev.stepwise.language.eval;

import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The random source of {@code States.UUID} and unseeded {@code States.MathRandom}. Evaluation never
 * reads randomness directly: the engine injects it through {@link Scope#randomness()}, so a run can
 * be reproduced from its seed.
 */
public interface Randomness {

  long nextLong();

  /** A value in {@code [0, 1)}. */
  double nextDouble();

  /** A version 4 (random) UUID built from two draws. */
  default UUID uuid() {
    long most = (nextLong() & ~0xF000L) | 0x4000L; // version 4
    long least = (nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
    return new UUID(most, least);
  }

  /** Draws from {@code generator}, for example the engine's per-execution generator. */
  static Randomness from(RandomGenerator generator) {
    return new Randomness() {
      @Override
      public long nextLong() {
        return generator.nextLong();
      }

      @Override
      public double nextDouble() {
        return generator.nextDouble();
      }
    };
  }

  /**
   * The source of scopes built without one: every draw throws {@link IllegalStateException}, so a
   * caller that forgot to inject randomness fails loudly instead of silently repeating values.
   */
  Randomness UNAVAILABLE =
      new Randomness() {
        @Override
        public long nextLong() {
          throw new IllegalStateException("no Randomness was injected into this Scope");
        }

        @Override
        public double nextDouble() {
          throw new IllegalStateException("no Randomness was injected into this Scope");
        }
      };
}
