package dev.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code request-shapes.json} is derived from AWS's API model, botocore's {@code
 * data/stepfunctions/<version>/service-2.json}: this test derives it again when the model is on the
 * machine ({@code -Dstepwise.botocore=DIR}, else the {@code botocore} package of {@code python3})
 * and fails when they differ; {@code -Dapi.model.update=true} rewrites the file, to be reviewed as
 * a diff. Without the model it prints a notice and is skipped.
 */
class RequestShapesModelTest {
  private static final Path SHAPES =
      Path.of("src/main/resources/dev/stepwise/api/request-shapes.json");

  @Test
  void theShippedShapesAreTheModels() throws Exception {
    Path model = model();
    if (model == null) {
      System.out.println(
          "NOTICE: botocore's stepfunctions model not found (no python3 botocore, no"
              + " -Dstepwise.botocore); request-shapes.json is not compared with it.");
      Assumptions.abort("botocore model not present");
    }
    ObjectNode derived = derive(read(model));
    if (Boolean.getBoolean("api.model.update")) {
      Files.writeString(
          SHAPES,
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(derived) + "\n");
    }
    JsonNode shipped = Json.parse(Files.readString(SHAPES));
    // The model's version is informative; the shapes must be equal.
    assertThat(Json.write(shipped.get("operations")))
        .isEqualTo(Json.write(derived.get("operations")));
    assertThat(Json.write(shipped.get("shapes"))).isEqualTo(Json.write(derived.get("shapes")));
  }

  /** Every operation's input shape and the shapes it reaches, with what the checks use. */
  static ObjectNode derive(JsonNode model) {
    JsonNode all = model.get("shapes");
    Map<String, String> operations = new TreeMap<>();
    Map<String, JsonNode> reached = new TreeMap<>();
    for (Map.Entry<String, JsonNode> op : model.get("operations").properties()) {
      JsonNode input = op.getValue().get("input");
      if (input != null) {
        operations.put(op.getKey(), input.get("shape").asText());
        reach(all, input.get("shape").asText(), reached);
      }
    }
    ObjectNode out = Json.NODES.objectNode();
    out.put(
        "source",
        "derived from botocore's data/stepfunctions/"
            + model.path("metadata").path("apiVersion").asText()
            + "/service-2.json by RequestShapesModelTest; do not edit by hand");
    ObjectNode ops = out.putObject("operations");
    operations.forEach(ops::put);
    ObjectNode shapes = out.putObject("shapes");
    reached.forEach(shapes::set);
    return out;
  }

  private static void reach(JsonNode all, String name, Map<String, JsonNode> reached) {
    if (reached.containsKey(name)) {
      return;
    }
    JsonNode s = all.get(name);
    ObjectNode kept = Json.NODES.objectNode();
    reached.put(name, kept);
    kept.put("type", s.get("type").asText());
    for (String field : new String[] {"min", "max", "pattern", "enum", "sensitive", "required"}) {
      if (s.has(field)) {
        kept.set(field, s.get(field));
      }
    }
    if (s.has("members")) {
      ObjectNode members = kept.putObject("members");
      for (Map.Entry<String, JsonNode> m : s.get("members").properties()) {
        String shape = m.getValue().get("shape").asText();
        members.put(m.getKey(), shape);
        reach(all, shape, reached);
      }
    }
    if (s.has("member")) {
      String shape = s.get("member").get("shape").asText();
      kept.put("member", shape);
      reach(all, shape, reached);
    }
    if (s.has("key") || s.has("value")) {
      throw new IllegalStateException(name + ": maps are not handled by RequestShapes");
    }
  }

  private static JsonNode read(Path model) throws IOException {
    try (InputStream in = Files.newInputStream(model)) {
      InputStream text = model.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      return Json.mapper().readTree(text);
    }
  }

  /** botocore's stepfunctions service-2.json(.gz), newest API version, or null. */
  private static @Nullable Path model() throws IOException, InterruptedException {
    String configured = System.getProperty("stepwise.botocore");
    Path botocore = configured != null ? Path.of(configured) : pythonBotocore();
    if (botocore == null) {
      return null;
    }
    Path dir = botocore.resolve("data").resolve("stepfunctions");
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(dir)) {
      return versions
          .sorted(java.util.Comparator.reverseOrder())
          .flatMap(v -> Stream.of(v.resolve("service-2.json"), v.resolve("service-2.json.gz")))
          .filter(Files::isRegularFile)
          .findFirst()
          .orElse(null);
    }
  }

  private static @Nullable Path pythonBotocore() throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "python3", "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))")
              .redirectErrorStream(true)
              .start();
    } catch (IOException noPython) {
      return null;
    }
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return p.exitValue() == 0 && !out.isEmpty() ? Path.of(out) : null;
  }
}
