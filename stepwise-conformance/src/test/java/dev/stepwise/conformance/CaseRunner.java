package dev.stepwise.conformance;

import org.jspecify.annotations.Nullable;

/** Runs recorded cases on some Stepwise (in process, or over the HTTP API). */
interface CaseRunner extends AutoCloseable {
  /**
   * Creates an execution case's state machines, runs the first with the case's input to completion
   * and reports what happened; throws with a message when the case cannot be run at all.
   */
  Outcome run(RecordedCase recordedCase) throws Exception;

  /** The API that {@code api_calls} cases run against, or null when this runner has none. */
  @Nullable ApiCallsTarget apiCalls();

  @Override
  void close();

  /** An API endpoint and the account and region its ARNs carry. */
  record ApiCallsTarget(ApiClient client, String account, String region) {}
}
