package dev.stepwise.conformance;

/** Runs a recorded case on some Stepwise (in process, or over the HTTP API). */
interface CaseRunner {
  /**
   * Creates the case's state machines, runs the first with the case's input to completion and
   * reports what happened; throws with a message when the case cannot be run at all.
   */
  Outcome run(RecordedCase recordedCase) throws Exception;
}
