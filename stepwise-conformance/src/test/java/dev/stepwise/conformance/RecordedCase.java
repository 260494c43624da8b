package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One AWS-recorded case (format: the corpus README): state machines, input and what AWS recorded.
 * Placeholders {@code ${sm:name}} and {@code ${smname:name}} are replaced as text when a runner
 * knows the ARNs it created.
 */
record RecordedCase(
    String id, String file, String rawText, JsonNode document, Set<String> wildcards) {

  record Machine(String name, JsonNode definition, String type) {}

  static RecordedCase load(Path root, Path file) throws IOException {
    String text = Files.readString(file);
    JsonNode doc = Json.parse(text);
    Set<String> wildcards = new TreeSet<>();
    doc.path("wildcards").forEach(w -> wildcards.add(w.asText()));
    return new RecordedCase(
        doc.path("id").asText(), root.relativize(file).toString(), text, doc, wildcards);
  }

  /** The document with placeholders replaced by the names and ARNs a runner created. */
  JsonNode resolved(java.util.function.Function<String, String> arnOf) throws IOException {
    return resolved(arnOf, name -> name);
  }

  JsonNode resolved(
      java.util.function.Function<String, String> arnOf,
      java.util.function.Function<String, String> nameOf)
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
