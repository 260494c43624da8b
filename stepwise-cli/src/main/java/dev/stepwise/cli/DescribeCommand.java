package dev.stepwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise describe ARN}: an execution (with the execution that started it and those it
 * started) or a state machine.
 */
@Command(name = "describe", description = "Describes an execution or a state machine.")
final class DescribeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin EndpointOption endpoint;

  @Parameters(index = "0", paramLabel = "ARN")
  String arn;

  @picocli.CommandLine.Option(
      names = "--wait",
      arity = "0..1",
      fallbackValue = "60",
      paramLabel = "SECONDS",
      description = "Wait until the execution is no longer RUNNING (at most SECONDS, default 60)")
  Integer waitSeconds;

  /** How often --wait asks: short, as executions without waits end in milliseconds. */
  private static final long POLL_MILLIS = 100;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ApiClient api = endpoint.client();
    try {
      if (arn.contains(":stateMachine:")) {
        JsonNode sm =
            api.call("DescribeStateMachine", Json.NODES.objectNode().put("stateMachineArn", arn));
        field(out, "State machine", sm.path("stateMachineArn").asText());
        field(out, "Name", sm.path("name").asText());
        field(out, "Type", sm.path("type").asText());
        field(out, "Role", sm.path("roleArn").asText());
        field(out, "Created", Tables.time(sm.path("creationDate").asDouble()));
        out.println("Definition:");
        out.println(pretty(sm.path("definition").asText()));
        return 0;
      }
      JsonNode e = api.call("DescribeExecution", Json.NODES.objectNode().put("executionArn", arn));
      long deadline = System.nanoTime() + (waitSeconds == null ? 0 : waitSeconds * 1_000_000_000L);
      while (e.path("status").asText().equals("RUNNING") && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
        e = api.call("DescribeExecution", Json.NODES.objectNode().put("executionArn", arn));
      }
      field(out, "Execution", e.path("executionArn").asText());
      field(out, "State machine", e.path("stateMachineArn").asText());
      field(out, "Status", e.path("status").asText());
      field(out, "Started", Tables.time(e.path("startDate").asDouble()));
      field(out, "Stopped", Tables.time(e.path("stopDate").asDouble()));
      if (e.path("redriveCount").asInt() > 0) {
        field(
            out,
            "Redriven",
            Tables.count(e.path("redriveCount").asInt(), "time")
                + ", last "
                + Tables.time(e.path("redriveDate").asDouble()));
      }
      String startedBy = startedBy(e.path("input").asText());
      field(out, "Started by", startedBy == null ? "-" : startedBy);
      field(out, "Input", e.path("input").asText());
      if (e.has("output")) {
        field(out, "Output", e.path("output").asText());
      }
      if (e.has("error")) {
        field(out, "Error", e.path("error").asText());
      }
      if (e.has("cause")) {
        field(out, "Cause", e.path("cause").asText());
      }
      JsonNode children =
          api.call(
              "ListExecutions",
              Json.NODES.objectNode().put("maxResults", 1000),
              Map.of("X-Stepwise-Started-By", arn));
      out.println("Children (executions it started):");
      if (children.path("executions").isEmpty()) {
        out.println("  -");
      }
      for (JsonNode c : children.path("executions")) {
        out.println("  " + c.path("executionArn").asText() + "  " + c.path("status").asText());
      }
      return 0;
    } catch (ApiClient.ApiException ex) {
      spec.commandLine().getErr().println("stepwise describe: " + ex.getMessage());
      return 1;
    }
  }

  private static String startedBy(String input) {
    try {
      JsonNode v = Json.parse(input).get("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID");
      return v == null ? null : v.asText();
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String pretty(String json) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.parse(json));
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private static void field(PrintWriter out, String name, String value) {
    out.printf("%-14s %s%n", name + ":", value);
  }
}
