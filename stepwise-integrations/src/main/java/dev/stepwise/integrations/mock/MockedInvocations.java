package dev.stepwise.integrations.mock;

/**
 * One entry of a mocked response: the outcome of invocations {@code first} to {@code last}
 * (inclusive, counted from 0), written {@code "0"} or {@code "1-2"} in the file.
 */
public record MockedInvocations(int first, int last, MockOutcome outcome) {
  public MockedInvocations {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("bad invocation range " + first + "-" + last);
    }
  }

  public boolean covers(int invocation) {
    return invocation >= first && invocation <= last;
  }

  /** The range as the file writes it. */
  public String range() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
