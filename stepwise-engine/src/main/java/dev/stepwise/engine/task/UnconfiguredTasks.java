package dev.stepwise.engine.task;

/**
 * Fails every task with {@value #ERROR}: an error of Stepwise's own (AWS has no such case), which
 * {@code States.ALL}, {@code States.TaskFailed} or its own name catch, and whose cause says how to
 * mock the state or configure its integration.
 */
public final class UnconfiguredTasks implements TaskDispatcher {
  public static final String ERROR = "Stepwise.IntegrationNotConfigured";

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    callbacks.failed(ERROR, cause(request));
  }

  public static String cause(TaskRequest request) {
    return "No integration is configured for the resource '"
        + request.resource().arn()
        + "' of the state '"
        + request.stateName()
        + "'. Mock the state in a mock configuration file (StateMachines → <state machine> →"
        + " TestCases → <test case> → \""
        + request.stateName()
        + "\": \"<mocked response>\") and run the execution with that test case, or configure"
        + " the integration for this resource.";
  }
}
