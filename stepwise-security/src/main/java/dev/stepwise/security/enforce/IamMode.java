package dev.stepwise.security.enforce;

import java.util.Locale;

/** How role policies apply to what executions do: not at all, reported, or enforced as on AWS. */
public enum IamMode {
  OFF,
  WARN,
  ENFORCE;

  /** {@code off}, {@code warn} or {@code enforce}, in any case. */
  public static IamMode parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--iam takes off, warn or enforce, not " + text, e);
    }
  }
}
