package dev.stepwise.engine.teststate;

import org.jspecify.annotations.Nullable;

/**
 * A TestState request, its JSON texts as sent (AWS echoes some of them unchanged).
 *
 * @param definition one state, or a whole state machine when {@code stateName} is given
 * @param roleArn needed by a Task without a mock
 * @param input the state input ({@code {}} when absent)
 * @param variables a JSON object of the variables the state sees, or null
 * @param context the context object the state sees (only with a mock), or null for the default
 */
public record TestStateRequest(
    String definition,
    @Nullable String roleArn,
    @Nullable String input,
    InspectionLevel inspectionLevel,
    boolean revealSecrets,
    @Nullable String variables,
    @Nullable String stateName,
    @Nullable MockInput mock,
    @Nullable String context,
    StateConfiguration stateConfiguration) {

  /** A request with only a definition and an input, the rest defaulted. */
  public static TestStateRequest of(String definition, @Nullable String input) {
    return new TestStateRequest(
        definition,
        null,
        input,
        InspectionLevel.INFO,
        false,
        null,
        null,
        null,
        null,
        StateConfiguration.NONE);
  }

  public enum InspectionLevel {
    INFO,
    DEBUG,
    TRACE
  }

  /** How a mocked result is checked against the response shape of the task's API. */
  public enum FieldValidationMode {
    /** Required fields present, every known field of the right type and range. */
    STRICT,
    /** Only the fields given are checked. */
    PRESENT,
    NONE
  }

  /** {@code mock}: a result (JSON text) or an error output; AWS refuses both at once. */
  public record MockInput(
      @Nullable String result,
      @Nullable ErrorOutput errorOutput,
      FieldValidationMode fieldValidationMode) {}

  public record ErrorOutput(@Nullable String error, @Nullable String cause) {}

  /**
   * {@code stateConfiguration}.
   *
   * @param mapItemReaderData the items an ItemReader would read (JSON text), or null
   */
  public record StateConfiguration(
      @Nullable Integer retrierRetryCount,
      @Nullable String errorCausedByState,
      @Nullable Integer mapIterationFailureCount,
      @Nullable String mapItemReaderData) {
    public static final StateConfiguration NONE = new StateConfiguration(null, null, null, null);
  }
}
