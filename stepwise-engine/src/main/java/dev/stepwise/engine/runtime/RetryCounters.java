package dev.stepwise.engine.runtime;

import java.util.Arrays;

/** How many times each retrier of a state has retried, during one visit of the state. */
record RetryCounters(int[] counts) {
  static final RetryCounters NONE = new RetryCounters(new int[0]);

  int count(int retrier) {
    return retrier < counts.length ? counts[retrier] : 0;
  }

  RetryCounters increment(int retrier) {
    int[] next = Arrays.copyOf(counts, Math.max(counts.length, retrier + 1));
    next[retrier]++;
    return new RetryCounters(next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryCounters other && Arrays.equals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return Arrays.toString(counts);
  }
}
