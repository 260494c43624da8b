package dev.stepwise.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise redrive ARN}: RedriveExecution on a running Stepwise. */
@Command(
    name = "redrive",
    description = {
      "Redrives a FAILED, TIMED_OUT or ABORTED execution: it goes on from the states that did not",
      "finish, with the same input (RedriveExecution). Prints when it was redriven."
    })
final class RedriveCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin EndpointOption endpoint;

  @Parameters(index = "0", paramLabel = "ARN", description = "The execution")
  String arn;

  @Option(
      names = "--client-token",
      paramLabel = "TOKEN",
      description = "Repeating a redrive with the same token within 15 minutes redrives once")
  String clientToken;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode request = Json.NODES.objectNode().put("executionArn", arn);
    if (clientToken != null) {
      request.put("clientToken", clientToken);
    }
    try {
      double date =
          endpoint.client().call("RedriveExecution", request).path("redriveDate").asDouble();
      out.println("Redriven " + arn + " at " + Tables.time(date));
      return 0;
    } catch (ApiClient.ApiException e) {
      spec.commandLine().getErr().println("stepwise redrive: " + e.getMessage());
      return 1;
    }
  }
}
