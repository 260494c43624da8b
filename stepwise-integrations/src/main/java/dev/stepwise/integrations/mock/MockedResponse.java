package dev.stepwise.integrations.mock;

import java.util.List;
import java.util.Optional;

/**
 * A named entry of {@code MockedResponses}: outcomes by invocation, in invocation order, covering
 * invocations 0 to {@link #invocationCount()}{@code - 1} without gaps.
 */
public record MockedResponse(String name, List<MockedInvocations> invocations) {
  public MockedResponse {
    invocations = List.copyOf(invocations);
  }

  /** The outcome of invocation {@code n} (0 is the first call), or empty past the last range. */
  public Optional<MockOutcome> outcome(int n) {
    for (MockedInvocations range : invocations) {
      if (range.covers(n)) {
        return Optional.of(range.outcome());
      }
    }
    return Optional.empty();
  }

  /** How many invocations the response answers. */
  public int invocationCount() {
    return invocations.isEmpty() ? 0 : invocations.getLast().last() + 1;
  }
}
