package dev.stepwise.integrations;

/** Reads the parts of an execution ARN that integrations need. */
public final class ExecutionArns {
  private ExecutionArns() {}

  /**
   * The state machine name in {@code arn:aws:states:<region>:<account>:execution:<machine>:<name>}
   * (STANDARD) or {@code ...:express:<machine>:<name>:<id>} (EXPRESS).
   *
   * @throws IllegalArgumentException when the text is not an execution ARN
   */
  public static String stateMachineName(String executionArn) {
    String[] parts = executionArn.split(":", -1);
    if (parts.length < 8
        || !parts[0].equals("arn")
        || !parts[2].equals("states")
        || !(parts[5].equals("execution") || parts[5].equals("express"))) {
      throw new IllegalArgumentException("not an execution ARN: " + executionArn);
    }
    return parts[6];
  }
}
