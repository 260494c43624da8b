package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.mock.MockConfig;
import dev.stepwise.language.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs cases through the HTTP API (AWS JSON 1.0), as a client would, against servers given the
 * merged mock file. Execution cases (CreateStateMachine, StartExecution on {@code <arn>#<TestCase>}
 * when mocked, DescribeExecution, GetExecutionHistory) run on a server in virtual time; {@code
 * api_calls} cases on one in real time, where a client acts while an execution waits.
 */
final class HttpRunner implements CaseRunner {
  private final CorpusServer executions;
  private final CorpusServer calls;
  private final ApiClient client;
  private final AtomicInteger cases = new AtomicInteger();

  HttpRunner(MockConfig mocks) throws Exception {
    executions = CorpusServer.virtualTime(mocks);
    calls = CorpusServer.realTime(mocks);
    client = new ApiClient(executions.endpoint());
  }

  @Override
  public Outcome run(RecordedCase c) throws Exception {
    String prefix = "c" + cases.incrementAndGet() + "-";
    Function<String, String> nameOf = name -> c.createdName(name, n -> prefix + n);
    String arnPrefix =
        "arn:aws:states:" + executions.region() + ":" + executions.account() + ":stateMachine:";
    JsonNode doc = c.resolved(name -> arnPrefix + nameOf.apply(name), nameOf);
    List<RecordedCase.Machine> machines = c.machines(doc);
    for (RecordedCase.Machine m : machines) {
      ObjectNode req = Json.NODES.objectNode();
      req.put("name", nameOf.apply(m.name()));
      req.put("definition", Json.write(m.definition()));
      req.put("roleArn", "arn:aws:iam::" + executions.account() + ":role/conformance");
      req.put("type", m.type());
      client.ok("CreateStateMachine", req);
    }
    ObjectNode start = Json.NODES.objectNode();
    String testCase = c.mockTestCase();
    start.put(
        "stateMachineArn",
        arnPrefix
            + nameOf.apply(machines.get(0).name())
            + (testCase == null ? "" : "#" + testCase));
    start.put("input", Json.write(doc.path("input")));
    String arn = client.ok("StartExecution", start).path("executionArn").asText();

    JsonNode described;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    do {
      described = client.ok("DescribeExecution", Json.NODES.objectNode().put("executionArn", arn));
    } while (described.path("status").asText().equals("RUNNING") && System.nanoTime() < deadline);

    List<JsonNode> events = new ArrayList<>();
    String token = null;
    do {
      ObjectNode req = Json.NODES.objectNode().put("executionArn", arn).put("maxResults", 1000);
      if (token != null) {
        req.put("nextToken", token);
      }
      JsonNode page = client.ok("GetExecutionHistory", req);
      page.path("events").forEach(events::add);
      token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
    } while (token != null);
    JsonNode last = events.get(events.size() - 1);
    JsonNode details = Json.NODES.objectNode();
    for (var e : last.properties()) {
      if (e.getKey().endsWith("EventDetails")) {
        details = e.getValue();
      }
    }
    return new Outcome(
        described.path("status").asText(),
        details.hasNonNull("output") ? details.get("output").asText() : null,
        details.hasNonNull("error") ? details.get("error").asText() : null,
        details.hasNonNull("cause") ? details.get("cause").asText() : null,
        events.stream().map(e -> e.path("type").asText()).toList());
  }

  @Override
  public ApiCallsTarget apiCalls() {
    return new ApiCallsTarget(new ApiClient(calls.endpoint()), calls.account(), calls.region());
  }

  @Override
  public void close() {
    executions.close();
    calls.close();
  }
}
