package dev.stepwise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise history ARN}: an execution's events as a readable table. */
@Command(name = "history", description = "Shows an execution's history as a table.")
final class HistoryCommand implements Callable<Integer> {
  private static final int DETAIL_WIDTH = 100;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin EndpointOption endpoint;

  @Parameters(index = "0", paramLabel = "EXECUTION_ARN")
  String executionArn;

  @Override
  public Integer call() throws InterruptedException {
    ApiClient api = endpoint.client();
    List<List<String>> rows = new ArrayList<>();
    String token = null;
    try {
      do {
        var request =
            Json.NODES.objectNode().put("executionArn", executionArn).put("maxResults", 1000);
        if (token != null) {
          request.put("nextToken", token);
        }
        JsonNode page = api.call("GetExecutionHistory", request);
        for (JsonNode e : page.path("events")) {
          rows.add(
              List.of(
                  e.path("id").asText(),
                  e.path("previousEventId").asText(),
                  Tables.time(e.path("timestamp").asDouble()),
                  e.path("type").asText(),
                  details(e)));
        }
        token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
      } while (token != null);
    } catch (ApiClient.ApiException e) {
      spec.commandLine().getErr().println("stepwise history: " + e.getMessage());
      return 1;
    }
    Tables.print(
        spec.commandLine().getOut(), List.of("ID", "PREV", "TIME", "TYPE", "DETAILS"), rows);
    return 0;
  }

  /** The event's details member, compact and cut to one readable line. */
  private static String details(JsonNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = event.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().endsWith("EventDetails")) {
        String text = Json.write(e.getValue());
        return text.length() <= DETAIL_WIDTH ? text : text.substring(0, DETAIL_WIDTH - 3) + "...";
      }
    }
    return "";
  }
}
