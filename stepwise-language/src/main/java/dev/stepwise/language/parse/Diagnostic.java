package dev.stepwise.language.parse;

import org.jspecify.annotations.Nullable;

/**
 * One validation finding, in the shape of ValidateStateMachineDefinition's diagnostics.
 *
 * @param location a JSON-pointer-like location such as {@code /States/A/Next}, or null where AWS
 *     gives none (e.g. {@code MISSING_END_STATE})
 */
public record Diagnostic(
    Severity severity, String code, String message, @Nullable String location) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static Diagnostic error(String code, String message, @Nullable String location) {
    return new Diagnostic(Severity.ERROR, code, message, location);
  }

  /** {@code CODE: message at location}, as inside AWS's InvalidDefinition message. */
  public String describe() {
    return code + ": " + message + " at " + (location == null ? "null" : location);
  }
}
