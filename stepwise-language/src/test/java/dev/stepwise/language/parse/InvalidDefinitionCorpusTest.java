package dev.stepwise.language.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One folder per validation rule under {@code definitions/invalid/}: the definition, its machine
 * type (file {@code type}, STANDARD when absent) and the exact diagnostics and InvalidDefinition
 * message expected ({@code expected.json}). {@code -Dgolden.update=true} rewrites the expected
 * files, to be reviewed as a diff.
 */
class InvalidDefinitionCorpusTest {
  private static final Path ROOT = Path.of("src/test/resources/definitions/invalid");

  @TestFactory
  Stream<DynamicTest> everyRuleReportsExactlyItsDiagnostics() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream()
          .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }
  }

  private static void check(Path dir) throws IOException {
    Path typeFile = dir.resolve("type");
    MachineType type =
        Files.exists(typeFile)
            ? MachineType.valueOf(Files.readString(typeFile).strip())
            : MachineType.STANDARD;
    ParseResult result =
        new DefinitionParser(type).parse(Files.readString(dir.resolve("definition.asl.json")));
    ObjectNode actual = describe(result);
    Path expectedFile = dir.resolve("expected.json");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(
          expectedFile,
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
    }
    assertThat(result.valid()).as("an invalid definition parses to no model").isFalse();
    assertThat(Json.write(actual)).isEqualTo(Json.write(read(expectedFile)));
  }

  static ObjectNode describe(ParseResult result) {
    ObjectNode out = Json.NODES.objectNode();
    ArrayNode list = out.putArray("diagnostics");
    for (Diagnostic d : result.diagnostics()) {
      ObjectNode o = list.addObject();
      o.put("severity", d.severity().name());
      o.put("code", d.code());
      o.put("message", d.message());
      if (d.location() != null) {
        o.put("location", d.location());
      }
    }
    out.put("invalidDefinitionMessage", result.invalidDefinitionMessage());
    return out;
  }

  private static JsonNode read(Path file) {
    try {
      return Json.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
