package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.mock.MockConfig;
import dev.stepwise.language.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The corpus README's one merged mock file: every case's {@code mock_config} (each names its own
 * state machine and responses) in one Step Functions Local MockConfigFile, written beside the build
 * output so {@code bin/stepwise serve --mock-config FILE} can be pointed at it, and parsed as that
 * option parses it.
 */
final class MergedMockConfig {
  private MergedMockConfig() {}

  static MockConfig of(Path root, List<Path> caseFiles) throws Exception {
    ObjectNode merged = Json.NODES.objectNode();
    ObjectNode machines = merged.putObject("StateMachines");
    ObjectNode responses = merged.putObject("MockedResponses");
    for (Path file : caseFiles) {
      JsonNode config = Json.parse(Files.readString(file)).get("mock_config");
      if (config == null) {
        continue;
      }
      String at = root.relativize(file).toString();
      put(machines, config.path("StateMachines"), at);
      put(responses, config.path("MockedResponses"), at);
    }
    String text = Json.write(merged);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("conformance-mock-config.json"), text);
    }
    return MockConfig.parse(text);
  }

  private static void put(ObjectNode into, JsonNode entries, String file) {
    for (Map.Entry<String, JsonNode> e : entries.properties()) {
      JsonNode before = into.get(e.getKey());
      if (before != null && !before.equals(e.getValue())) {
        throw new IllegalStateException(
            file + ": mock entry '" + e.getKey() + "' differs from another case's");
      }
      into.set(e.getKey(), e.getValue());
    }
  }
}
