package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.language.json.Json;
import java.util.Map;

/** {@code RedriveExecution}: AWS's request limits; the rules live in the engine. */
final class RedriveOperation {
  private final StepFunctionsService service;

  RedriveOperation(StepFunctionsService service) {
    this.service = service;
  }

  void register(Map<String, Operations.Operation> table) {
    table.put("RedriveExecution", this::redriveExecution);
  }

  private JsonNode redriveExecution(Request r)
      throws ApiError, ServiceException, InterruptedException {
    String arn = r.required("executionArn");
    String token = r.optional("clientToken");
    if (token != null && !token.chars().allMatch(c -> c >= '!' && c <= '~')) {
      throw ApiError.validation(
          "1 validation error detected: Value '"
              + token
              + "' at 'clientToken' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [!-~]+");
    }
    // Answered once the redrive is stored: a crash after this answer loses nothing.
    ObjectNode o = Json.NODES.objectNode();
    o.put("redriveDate", HistoryJson.epochSeconds(service.redriveExecution(arn, token)));
    return o;
  }
}
