package dev.stepwise.language.parse;

/** The state machine type, which changes what a definition may contain. */
public enum MachineType {
  STANDARD,
  EXPRESS
}
