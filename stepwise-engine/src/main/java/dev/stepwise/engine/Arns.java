package dev.stepwise.engine;

/** AWS's ARN formats for the resources Stepwise serves. */
public record Arns(String region, String account) {

  public static Arns of(EngineSettings settings) {
    return new Arns(settings.region(), settings.account());
  }

  /**
   * The ARN without a Step Functions Local mock test case: StartExecution takes {@code
   * <stateMachineArn>#<TestCase>} to answer its tasks from that test case.
   */
  public static String withoutTestCase(String arn) {
    int hash = arn.indexOf('#');
    return hash < 0 ? arn : arn.substring(0, hash);
  }

  public String stateMachine(String name) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
  }

  public String execution(String stateMachineName, String executionName) {
    return "arn:aws:states:"
        + region
        + ":"
        + account
        + ":execution:"
        + stateMachineName
        + ":"
        + executionName;
  }

  /** EXPRESS executions carry a unique suffix: {@code ...:express:sm:name:uuid}. */
  public String expressExecution(String stateMachineName, String executionName, String uuid) {
    return "arn:aws:states:"
        + region
        + ":"
        + account
        + ":express:"
        + stateMachineName
        + ":"
        + executionName
        + ":"
        + uuid;
  }

  public String activity(String name) {
    return "arn:aws:states:" + region + ":" + account + ":activity:" + name;
  }

  /** The role AWS would show when none was given (Stepwise does not require one). */
  public String defaultRole() {
    return "arn:aws:iam::" + account + ":role/StepwiseExecutionRole";
  }
}
