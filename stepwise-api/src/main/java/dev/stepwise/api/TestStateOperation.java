package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.teststate.TestStateRequest;
import dev.stepwise.engine.teststate.TestStateRequest.FieldValidationMode;
import dev.stepwise.engine.teststate.TestStateRequest.InspectionLevel;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code TestState}: the request's members with AWS's limits; the rules live in the engine. */
final class TestStateOperation {
  /** AWS's limit on inputs, variables, contexts and mocked results, in characters. */
  private final StepFunctionsService service;

  TestStateOperation(StepFunctionsService service) {
    this.service = service;
  }

  void register(Map<String, Operations.Operation> table) {
    table.put("TestState", this::testState);
  }

  private JsonNode testState(Request r) throws ApiError, ServiceException, InterruptedException {
    return service.testState(request(r));
  }

  static TestStateRequest request(Request r) throws ApiError {
    String definition = r.required("definition");
    JsonNode mock = r.object("mock");
    JsonNode configuration = r.object("stateConfiguration");
    return new TestStateRequest(
        definition,
        r.optional("roleArn"),
        r.optional("input"),
        enumValue(r, "inspectionLevel", InspectionLevel.class, InspectionLevel.INFO),
        r.bool("revealSecrets"),
        r.optional("variables"),
        r.optional("stateName"),
        mock == null ? null : mock(new Request(mock, null)),
        r.optional("context"),
        configuration == null
            ? TestStateRequest.StateConfiguration.NONE
            : configuration(new Request(configuration, null)));
  }

  private static TestStateRequest.MockInput mock(Request m) throws ApiError {
    JsonNode error = m.object("errorOutput");
    TestStateRequest.ErrorOutput errorOutput = null;
    if (error != null) {
      Request e = new Request(error, null);
      errorOutput = new TestStateRequest.ErrorOutput(e.optional("error"), e.optional("cause"));
    }
    return new TestStateRequest.MockInput(
        m.optional("result"),
        errorOutput,
        enumValue(m, "fieldValidationMode", FieldValidationMode.class, FieldValidationMode.STRICT));
  }

  private static TestStateRequest.StateConfiguration configuration(Request c) throws ApiError {
    return new TestStateRequest.StateConfiguration(
        optionalCount(c, "retrierRetryCount"),
        c.optional("errorCausedByState"),
        optionalCount(c, "mapIterationFailureCount"),
        c.optional("mapItemReaderData"));
  }

  private static @Nullable Integer optionalCount(Request r, String field) throws ApiError {
    return r.body().hasNonNull(field) ? r.integer(field, 0) : null;
  }

  private static <E extends Enum<E>> E enumValue(
      Request r, String field, Class<E> type, E defaultValue) throws ApiError {
    E value = Operations.enumValue(r, field, type, Arrays.toString(type.getEnumConstants()));
    return value == null ? defaultValue : value;
  }
}
