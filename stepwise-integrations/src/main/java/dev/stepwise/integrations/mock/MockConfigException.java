package dev.stepwise.integrations.mock;

import java.util.List;

/** A mock configuration file that cannot be used; lists every problem found, with its location. */
public final class MockConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  MockConfigException(List<String> problems) {
    super(message(problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code "at <JSON pointer>: <what is wrong>"}. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    StringBuilder text = new StringBuilder("Invalid mock configuration:");
    for (String problem : problems) {
      text.append("\n- ").append(problem);
    }
    return text.toString();
  }
}
