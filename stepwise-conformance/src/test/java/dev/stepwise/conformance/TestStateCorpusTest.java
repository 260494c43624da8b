package dev.stepwise.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiServer;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.UnconfiguredTasks;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The AWS-recorded TestState cases ({@code kind: api_calls}, category {@code test_state}) through
 * the HTTP API, compared by the corpus README's rules for API calls. Every call of a case must give
 * what AWS answered: the response (after the case's replacements) or the error code and message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestStateCorpusTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/conformance";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)(?::([^}]*))?}");

  private final AtomicInteger passed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer api;
  private URI endpoint;

  @TestFactory
  Stream<DynamicTest> testStateCases() throws Exception {
    Path root = SharedCorpus.locate();
    if (root == null) {
      System.out.println(
          "NOTICE: ../shared/conformance/aws-recorded not found; the TestState corpus is skipped.");
      Assumptions.abort("AWS-recorded corpus not present");
    }
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    Engine engine =
        new Engine(
            EngineSettings.DEFAULTS,
            clock,
            new VirtualTimeScheduler(clock),
            new UnconfiguredTasks(),
            store,
            42);
    Random random = new Random(42);
    StepFunctionsService service =
        new StepFunctionsService(
            engine, store, clock, () -> new UUID(random.nextLong(), random.nextLong()));
    api = ApiServer.start("127.0.0.1", 0, service);
    endpoint = URI.create("http://127.0.0.1:" + api.port() + "/");
    List<Path> cases = new ArrayList<>();
    for (Path file : SharedCorpus.caseFiles(root).toList()) {
      JsonNode doc = Json.parse(Files.readString(file));
      if ("api_calls".equals(doc.path("kind").asText())
          && "test_state".equals(doc.path("category").asText())) {
        cases.add(file);
      }
    }
    return cases.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    root.relativize(file).toString(),
                    () -> check(Json.parse(Files.readString(file)))));
  }

  private void check(JsonNode doc) throws Exception {
    String problem;
    try {
      problem = run(doc);
    } catch (Exception e) {
      problem = "could not run: " + e;
    }
    if (problem != null) {
      failed.incrementAndGet();
      fail(doc.path("id").asText() + "\n  " + problem);
    }
    passed.incrementAndGet();
  }

  /** The first call whose outcome differs from the recording, described; null when none does. */
  private String run(JsonNode doc) throws Exception {
    Map<String, String> uids = new HashMap<>();
    Set<String> wildcards = new HashSet<>();
    doc.path("wildcards").forEach(w -> wildcards.add(w.asText()));
    List<String[]> replacements = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (JsonNode r : doc.path("replacements")) {
      if (r.has("value")) {
        replacements.add(
            new String[] {resolve(r.get("value").asText(), uids), r.get("label").asText()});
        labels.add(r.get("label").asText());
      }
    }
    ApiCallMatcher matcher = new ApiCallMatcher(wildcards, labels);
    for (JsonNode call : doc.path("calls")) {
      JsonNode request = resolveAll(call.path("request"), uids);
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .header("Content-Type", "application/x-amz-json-1.0")
                  .header("X-Amz-Target", "AWSStepFunctions." + call.path("op").asText())
                  .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      for (String[] r : replacements) {
        text = text.replace(r[0], r[1]);
      }
      JsonNode actual = Json.parse(text);
      String where = "call " + call.path("id").asText() + " (" + call.path("op").asText() + ")";
      if (call.has("expected_error")) {
        JsonNode error = call.get("expected_error");
        if (response.statusCode() == 200) {
          return where + ": expected error " + Json.write(error) + " but got " + text;
        }
        if (error.has("code")
            && !error.get("code").asText().equals(actual.path("__type").asText())) {
          return where + ": expected " + Json.write(error) + " but got " + text;
        }
        if (error.has("message")
            && !matcher.matches(error.get("message").asText(), actual.path("message").asText())) {
          return where
              + ": expected message \""
              + error.get("message").asText()
              + "\" but got "
              + text;
        }
        if (error.has("http_status") && error.get("http_status").asInt() != response.statusCode()) {
          return where
              + ": expected HTTP "
              + error.get("http_status")
              + " but got "
              + response.statusCode();
        }
        continue;
      }
      if (response.statusCode() != 200) {
        return where + ": failed: " + text;
      }
      if (call.has("expected_response")) {
        ObjectNode withMetadata = ((ObjectNode) actual).deepCopy();
        withMetadata
            .putObject("ResponseMetadata")
            .put("HTTPStatusCode", response.statusCode())
            .putObject("HTTPHeaders");
        String diff = matcher.diff("$", call.get("expected_response"), withMetadata);
        if (diff != null) {
          return where + ": " + diff + "\n  actual: " + text;
        }
      }
    }
    return null;
  }

  private static JsonNode resolveAll(JsonNode node, Map<String, String> uids) {
    if (node.isTextual()) {
      return Json.NODES.textNode(resolve(node.asText(), uids));
    }
    if (node.isObject()) {
      ObjectNode o = Json.NODES.objectNode();
      node.properties().forEach(e -> o.set(e.getKey(), resolveAll(e.getValue(), uids)));
      return o;
    }
    if (node.isArray()) {
      var a = Json.NODES.arrayNode();
      node.forEach(item -> a.add(resolveAll(item, uids)));
      return a;
    }
    return node;
  }

  /** The placeholders of the corpus README ({@code ${uid:N}}, {@code ${role:N}}, ...) replaced. */
  private static String resolve(String text, Map<String, String> uids) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String arg = m.group(2);
      String value =
          switch (m.group(1)) {
            case "uid" ->
                uids.computeIfAbsent(
                    arg, k -> HexFormat.of().toHexDigits(UUID.randomUUID().hashCode()));
            case "role" -> "0".equals(arg) ? ROLE : ROLE + "-" + arg;
            case "region" -> "us-east-1";
            case "account" -> "123456789012";
            case "now" -> java.time.LocalDateTime.now().toString();
            default -> m.group();
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  @AfterAll
  void summary() {
    System.out.printf(
        "AWS-recorded TestState corpus (HTTP API): %d passed, %d failed%n",
        passed.get(), failed.get());
    if (api != null) {
      api.close();
    }
  }
}
