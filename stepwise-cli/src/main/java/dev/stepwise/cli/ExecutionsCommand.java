package dev.stepwise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise executions}: the executions of a running Stepwise, newest first. */
@Command(name = "executions", description = "Lists executions of a running Stepwise, newest first.")
final class ExecutionsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin EndpointOption endpoint;

  @Option(names = "--state-machine", paramLabel = "NAME|ARN", description = "Only this machine")
  String stateMachine;

  @Option(
      names = "--status",
      description = "Only executions with this status (RUNNING, SUCCEEDED, ...; any case)")
  String status;

  @Option(
      names = "--started-by",
      paramLabel = "EXECUTION_ARN",
      description = "Only children of this execution")
  String startedBy;

  @Override
  public Integer call() throws InterruptedException {
    ApiClient api = endpoint.client();
    ObjectNode request = Json.NODES.objectNode();
    request.put("maxResults", 1000);
    if (stateMachine != null) {
      request.put(
          "stateMachineArn",
          stateMachine.startsWith("arn:") ? stateMachine : stateMachineArn(api, stateMachine));
    }
    if (status != null) {
      request.put("statusFilter", status.strip().toUpperCase(java.util.Locale.ROOT));
    }
    try {
      JsonNode page =
          api.call(
              "ListExecutions",
              request,
              startedBy == null ? Map.of() : Map.of("X-Stepwise-Started-By", startedBy));
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode e : page.path("executions")) {
        rows.add(
            List.of(
                e.path("name").asText(),
                e.path("status").asText(),
                Tables.time(e.path("startDate").asDouble()),
                Tables.time(e.path("stopDate").asDouble()),
                e.path("executionArn").asText()));
      }
      Tables.print(
          spec.commandLine().getOut(),
          List.of("NAME", "STATUS", "STARTED", "STOPPED", "ARN"),
          rows);
      return 0;
    } catch (ApiClient.ApiException e) {
      spec.commandLine().getErr().println("stepwise executions: " + e.getMessage());
      return 1;
    }
  }

  /** A state machine's ARN from its name, as the server builds it. */
  private static String stateMachineArn(ApiClient api, String name) throws InterruptedException {
    try {
      for (JsonNode sm :
          api.call("ListStateMachines", Json.NODES.objectNode().put("maxResults", 1000))
              .path("stateMachines")) {
        if (sm.path("name").asText().equals(name)) {
          return sm.path("stateMachineArn").asText();
        }
      }
    } catch (ApiClient.ApiException e) {
      return name;
    }
    return name;
  }
}
