package dev.stepwise.integrations.mock;

import com.fasterxml.jackson.databind.JsonNode;

/** What one mocked invocation does: return a result or throw an error. */
public sealed interface MockOutcome {

  /** {@code "Return": <value>}: the task succeeds with this result. */
  record Return(JsonNode value) implements MockOutcome {
    public Return {
      value = value.deepCopy();
    }

    /** A copy the caller may hand on (the node here is never given out). */
    @Override
    public JsonNode value() {
      return value.deepCopy();
    }
  }

  /** {@code "Throw": {"Error": ..., "Cause": ...}}: the task fails with this error and cause. */
  record Throw(String error, String cause) implements MockOutcome {}
}
