package dev.stepwise.api.nested;

/** The definitions of the test vectors in the nested-workflows spec (§10), as JSON text. */
final class Machines {
  private Machines() {}

  /** P(suffix): starts the machine, input and name its own input names. */
  static String parent(String suffix) {
    return parent(suffix, "");
  }

  /** P(suffix) with extra fields on the Task state (e.g. {@code "TimeoutSeconds":2,}). */
  static String parent(String suffix, String taskFields) {
    return """
        {"StartAt":"StartExecution","States":{"StartExecution":{"Type":"Task",%s
         "Resource":"arn:aws:states:::states:startExecution%s",
         "Parameters":{"StateMachineArn.$":"$.StateMachineArn","Input.$":"$.Input","Name.$":"$.Name"},
         "End":true}}}"""
        .formatted(taskFields, suffix);
  }

  /** C1: succeeds with {"Arg1":"argument1"}. */
  static final String PASS =
      """
      {"StartAt":"State_1","States":{"State_1":{"Type":"Pass","Result":{"Arg1":"argument1"},"End":true}}}""";

  /** C2: fails with SomeFailure. */
  static final String FAIL =
      """
      {"StartAt":"FailState","States":{"FailState":{"Type":"Fail","Error":"SomeFailure",
       "Cause":"This state machines raises a 'SomeFailure' failure."}}}""";

  /** C4: waits 60 seconds. */
  static final String WAIT_60 =
      """
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""";

  /** C5: times out after 1 second, while waiting 5. */
  static final String TIMES_OUT =
      """
      {"TimeoutSeconds":1,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}""";

  /** The input of P: which machine, with what input and name. */
  static String input(String stateMachineArn, String childInput, String name) {
    return "{\"StateMachineArn\":\""
        + stateMachineArn
        + "\",\"Input\":"
        + childInput
        + ",\"Name\":\""
        + name
        + "\"}";
  }
}
