package dev.stepwise.console.visits;

/**
 * A state visit's status, AWS console's legend: a state never entered has no visit and is drawn
 * "not started"; {@link #CAUGHT_ERROR} is a state that failed and went on through its Catch.
 */
public enum VisitStatus {
  IN_PROGRESS,
  SUCCEEDED,
  FAILED,
  CAUGHT_ERROR,
  ABORTED
}
