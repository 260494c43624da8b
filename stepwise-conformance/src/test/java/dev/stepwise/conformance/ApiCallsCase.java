package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@code api_calls} case over the API and compares it by the corpus README's rules: the
 * calls in order, a case failing at the first call whose outcome is wrong (an error where success
 * was expected, or the reverse, or a request that cannot be resolved); then every recorded
 * response, error and {@code _expect} value, after the case's replacements.
 */
final class ApiCallsCase {
  /** The README's {@code --max-sleep}: the tests' pauses wait for AWS's eventual consistency. */
  private static final Duration MAX_SLEEP = Duration.ofMillis(500);

  private static final Duration WAIT_LIMIT = Duration.ofSeconds(60);

  private static final Set<String> LATER_KEYS =
      Set.of("RedriveCount", "RedriveStatus", "RedriveStatusReason");
  private static final LocalDate REDRIVE_KEYS_ADDED = LocalDate.of(2023, 11, 15);
  private static final LocalDate ENCRYPTION_KEYS_ADDED = LocalDate.of(2024, 11, 22);

  /** A recorded value to compare once every call has run and the replacements resolve. */
  private sealed interface Check {
    String what();

    record Response(String what, JsonNode expected, JsonNode actual) implements Check {}

    record Error(String what, JsonNode expected, ApiClient.Answer.Failed actual) implements Check {}
  }

  /** A case's failure at a call whose outcome is wrong. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;

    Stop(String message) {
      super(message, null, false, false);
    }
  }

  private final RecordedCase recorded;
  private final ApiClient api;
  private final Placeholders placeholders;
  private final List<Check> checks = new ArrayList<>();
  private final List<ActivityWorker> workers = new ArrayList<>();

  ApiCallsCase(RecordedCase recorded, ApiClient api, String account, String region) {
    this.recorded = recorded;
    this.api = api;
    this.placeholders = new Placeholders(account, region, recorded.file().hashCode());
  }

  /** Every difference from the recording; empty when the case passes. */
  List<String> run() throws Exception {
    try {
      for (JsonNode step : recorded.document().path("calls")) {
        step(step);
      }
    } catch (Stop e) {
      workers.forEach(ActivityWorker::stop);
      return List.of(e.getMessage());
    } finally {
      for (ActivityWorker w : workers) {
        w.finish();
      }
    }
    List<String> problems = new ArrayList<>();
    for (ActivityWorker w : workers) {
      if (w.problem() != null) {
        problems.add("worker: " + w.problem());
      }
    }
    Replacements replacements = Replacements.resolve(recorded.document(), placeholders);
    Matching matching =
        Matching.forApiCalls(
            recorded.wildcards(),
            toleratedKeys(recorded.recordedOn()),
            replacements.literalLabels(),
            replacements.unresolvedLabels(),
            sortedLists());
    for (Check check : checks) {
      String problem =
          switch (check) {
            case Check.Response r ->
                matching.diff("$", r.expected(), replacements.apply(r.actual()));
            case Check.Error e -> errorDiff(matching, replacements, e.expected(), e.actual());
          };
      if (problem != null) {
        problems.add(check.what() + " " + problem);
      }
    }
    return problems;
  }

  private void step(JsonNode step) throws Exception {
    String op = step.path("op").asText();
    switch (op) {
      case "_let" -> let(step);
      case "_wait" -> await(step);
      case "_sleep" -> Thread.sleep(sleep(step.path("seconds").asDouble()).toMillis());
      case "_expect" ->
          checks.add(
              new Check.Response(
                  "_expect " + step.path("snapshot_key").asText(),
                  step.get("expected"),
                  resolve(step.get("value"))));
      case "_worker" -> {
        ActivityWorker w =
            new ActivityWorker(
                api,
                placeholders,
                resolve(step.get("activityArn")).asText(),
                step.path("workerName").asText(null),
                step.path("actions"));
        workers.add(w);
        w.start();
      }
      default -> call(step, op);
    }
  }

  private void call(JsonNode step, String op) throws Exception {
    int id = step.path("id").asInt();
    String what = "call " + id + " " + op;
    JsonNode request = resolve(step.path("request"));
    ApiClient.Answer answer = api.call(op, request);
    JsonNode expectedError = step.get("expected_error");
    switch (answer) {
      case ApiClient.Answer.Ok ok -> {
        if (expectedError != null) {
          throw new Stop(
              what
                  + ": expected "
                  + expectedError.path("code").asText("an error")
                  + " but it succeeded: "
                  + Matching.abbreviate(ok.body()));
        }
        // As an SDK answers it: with its metadata, whose headers are never compared.
        ObjectNode actual = ok.body().deepCopy();
        ObjectNode metadata = actual.putObject("ResponseMetadata");
        metadata.putObject("HTTPHeaders");
        metadata.put("HTTPStatusCode", 200);
        placeholders.response(id, op, actual);
        if (step.has("expected_response")) {
          checks.add(new Check.Response(what, step.get("expected_response"), actual));
        }
      }
      case ApiClient.Answer.Failed f -> {
        if (expectedError == null) {
          throw new Stop(
              what + ": failed with " + f.status() + " " + f.code() + ": " + f.message());
        }
        checks.add(new Check.Error(what, expectedError, f));
      }
    }
  }

  private static @Nullable String errorDiff(
      Matching matching,
      Replacements replacements,
      JsonNode expected,
      ApiClient.Answer.Failed actual) {
    if (expected.has("code") && !expected.get("code").asText().equals(actual.code())) {
      return "error: expected "
          + expected.get("code").asText()
          + " but was "
          + actual.code()
          + ": "
          + actual.message();
    }
    if (expected.has("http_status") && expected.get("http_status").asInt() != actual.status()) {
      return "HTTP status: expected " + expected.get("http_status") + " but was " + actual.status();
    }
    if (expected.has("message")) {
      JsonNode message = replacements.apply(Json.NODES.textNode(actual.message()));
      String d =
          matching.diff("message", Json.NODES.textNode(expected.get("message").asText()), message);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private void let(JsonNode step) throws Exception {
    JsonNode value;
    if (step.has("split")) {
      JsonNode args = step.get("split");
      String[] parts = text(args.get(0)).split(Pattern.quote(args.get(1).asText()), -1);
      value = Json.NODES.textNode(parts[pythonIndex(args.get(2).asInt(), parts.length)]);
    } else if (step.has("slice")) {
      JsonNode args = step.get("slice");
      String s = text(args.get(0));
      int start = args.get(1).isNull() ? 0 : pythonIndex(args.get(1).asInt(), s.length());
      int stop = args.get(2).isNull() ? s.length() : pythonIndex(args.get(2).asInt(), s.length());
      value = Json.NODES.textNode(start < stop ? s.substring(start, stop) : "");
    } else if (step.has("replace")) {
      JsonNode args = step.get("replace");
      value = Json.NODES.textNode(text(args.get(0)).replace(text(args.get(1)), text(args.get(2))));
    } else {
      value = resolve(step.get("value"));
    }
    placeholders.var(step.path("var").asText(), value);
  }

  /** A Python index into a sequence of {@code length}: negative ones count from the end. */
  private static int pythonIndex(int index, int length) {
    return Math.max(0, Math.min(length, index < 0 ? length + index : index));
  }

  /** {@code _wait}: polls DescribeExecution (and its history) until the condition holds. */
  private void await(JsonNode step) throws Exception {
    String arn = text(step.get("executionArn"));
    String until = step.path("until").asText();
    long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
    while (true) {
      ApiClient.Answer answer =
          api.call("DescribeExecution", Json.NODES.objectNode().put("executionArn", arn));
      String status =
          answer instanceof ApiClient.Answer.Ok ok ? ok.body().path("status").asText() : null;
      boolean terminal = status != null && !status.equals("RUNNING");
      boolean done =
          switch (until) {
            case "terminal" -> terminal;
            case "succeeded" -> terminal;
            case "aborted" -> terminal;
            case "started" -> status != null;
            case "state_entered" -> terminal || stateEntered(arn);
            default -> terminal;
          };
      if (done) {
        String wanted =
            switch (until) {
              case "succeeded" -> "SUCCEEDED";
              case "aborted" -> "ABORTED";
              default -> until.startsWith("status:") ? until.substring(7) : null;
            };
        if (wanted != null && !wanted.equals(status)) {
          throw new Stop("_wait " + until + ": the execution ended " + status);
        }
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new Stop("_wait " + until + ": still " + status + " after " + WAIT_LIMIT);
      }
      Thread.sleep(20);
    }
  }

  private boolean stateEntered(String arn) throws Exception {
    ApiClient.Answer history =
        api.call("GetExecutionHistory", Json.NODES.objectNode().put("executionArn", arn));
    if (history instanceof ApiClient.Answer.Ok ok) {
      for (JsonNode e : ok.body().path("events")) {
        if (e.path("type").asText().endsWith("StateEntered")) {
          return true;
        }
      }
    }
    return false;
  }

  static Duration sleep(double seconds) {
    Duration asked = Duration.ofMillis((long) (seconds * 1000));
    return asked.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : asked;
  }

  private JsonNode resolve(JsonNode template) throws Stop {
    try {
      return placeholders.resolve(template);
    } catch (Placeholders.UnresolvableException e) {
      throw new Stop("unresolvable: " + e.getMessage());
    }
  }

  private String text(JsonNode template) throws Stop {
    JsonNode v = resolve(template);
    return v.isTextual() ? v.asText() : Json.write(v);
  }

  private Set<String> sortedLists() {
    Set<String> keys = new HashSet<>();
    recorded.document().path("sorted_lists").forEach(k -> keys.add(k.asText()));
    return keys;
  }

  /** Rule 6: keys AWS added after the recording, tolerated in an actual response. */
  private static Predicate<String> toleratedKeys(@Nullable LocalDate recordedOn) {
    Set<String> keys = new LinkedHashSet<>(LATER_KEYS);
    if (recordedOn != null && recordedOn.isBefore(REDRIVE_KEYS_ADDED)) {
      keys.addAll(Set.of("redriveCount", "redriveStatus", "redriveStatusReason", "redriveDate"));
    }
    if (recordedOn != null && recordedOn.isBefore(ENCRYPTION_KEYS_ADDED)) {
      keys.addAll(Set.of("encryptionConfiguration", "variableReferences"));
    }
    return keys::contains;
  }
}
