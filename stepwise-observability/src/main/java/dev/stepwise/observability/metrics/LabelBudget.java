package dev.stepwise.observability.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a label's values bounded: the first {@code max} distinct values are used as they are, any
 * later one is reported as {@value #OTHER}. State machines, activities and resources are created by
 * users, so without a bound a scrape could grow without end.
 */
final class LabelBudget {
  static final String OTHER = "_other";

  private final int max;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  LabelBudget(int max) {
    this.max = max;
  }

  String admit(String value) {
    if (admitted.contains(value)) {
      return value;
    }
    synchronized (this) {
      if (admitted.size() < max) {
        admitted.add(value);
        return value;
      }
    }
    return OTHER;
  }
}
