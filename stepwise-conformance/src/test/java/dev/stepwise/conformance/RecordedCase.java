package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One AWS-recorded case (format: the corpus README): an execution of state machines, or a sequence
 * of API calls, and what AWS recorded. Placeholders {@code ${sm:name}} and {@code ${smname:name}}
 * are replaced as text when a runner knows the ARNs it created.
 */
record RecordedCase(
    String id, String file, String rawText, JsonNode document, Set<String> wildcards) {

  /** The README's kinds: one execution, or a sequence of control-plane calls. */
  enum Kind {
    EXECUTION,
    API_CALLS
  }

  record Machine(String name, JsonNode definition, String type) {}

  private static final Pattern RECORDED_ON =
      Pattern.compile("recorded against AWS on (\\d{2})-(\\d{2})-(\\d{4})");

  static RecordedCase load(Path root, Path file) throws IOException {
    String text = Files.readString(file);
    JsonNode doc = Json.parse(text);
    Set<String> wildcards = new TreeSet<>();
    doc.path("wildcards").forEach(w -> wildcards.add(w.asText()));
    return new RecordedCase(
        doc.path("id").asText(), root.relativize(file).toString(), text, doc, wildcards);
  }

  Kind kind() {
    return "api_calls".equals(document.path("kind").asText()) ? Kind.API_CALLS : Kind.EXECUTION;
  }

  /** The report category; {@code execution} when the case names none. */
  String category() {
    return document.path("category").asText("execution");
  }

  /** The day AWS answered (from {@code source}), or null when the case does not say. */
  @Nullable LocalDate recordedOn() {
    Matcher m = RECORDED_ON.matcher(document.path("source").asText());
    return m.find()
        ? LocalDate.of(
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(1)))
        : null;
  }

  /** The mock test case the execution runs ({@code mock_test_case}), or null. */
  @Nullable String mockTestCase() {
    return document.hasNonNull("mock_test_case") ? document.get("mock_test_case").asText() : null;
  }

  /**
   * The name the case's first state machine is created under: the one its {@code mock_config}
   * names, or null when it has none (the runner picks the name).
   */
  @Nullable String mockedMachineName() {
    JsonNode machines = document.path("mock_config").path("StateMachines");
    return machines.isObject() && machines.size() == 1 ? machines.fieldNames().next() : null;
  }

  /**
   * The name the runner creates the case's state machine {@code name} under: the mocked name for
   * the first one of a mocked case, else {@code otherwise}'s.
   */
  String createdName(String name, Function<String, String> otherwise) {
    String mocked = mockedMachineName();
    JsonNode first = document.path("state_machines").path(0);
    return mocked != null && first.path("name").asText().equals(name)
        ? mocked
        : otherwise.apply(name);
  }

  /** Whether the case reads or writes S3 fixtures ({@code s3_buckets}, {@code s3_objects}). */
  boolean usesS3() {
    return document.has("s3_buckets") || document.has("s3_objects");
  }

  /** The document with placeholders replaced by the names and ARNs a runner created. */
  JsonNode resolved(Function<String, String> arnOf) throws IOException {
    return resolved(arnOf, name -> name);
  }

  JsonNode resolved(Function<String, String> arnOf, Function<String, String> nameOf)
      throws IOException {
    String text = rawText;
    for (JsonNode sm : document.path("state_machines")) {
      String name = sm.path("name").asText();
      text = text.replace("${sm:" + name + "}", arnOf.apply(name));
      text = text.replace("${smname:" + name + "}", nameOf.apply(name));
    }
    return Json.parse(text);
  }

  List<Machine> machines(JsonNode resolved) {
    List<Machine> out = new ArrayList<>();
    for (JsonNode sm : resolved.path("state_machines")) {
      out.add(
          new Machine(
              sm.path("name").asText(), sm.path("definition"), sm.path("type").asText("STANDARD")));
    }
    return out;
  }
}
