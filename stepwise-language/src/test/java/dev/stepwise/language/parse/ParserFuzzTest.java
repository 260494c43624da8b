package dev.stepwise.language.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated definitions: the parser returns a model or diagnostics, and never throws.
 * Seeded; the seed of a failing iteration is in the failure message.
 */
class ParserFuzzTest {
  private static final String[] FIELDS = {
    "Type",
    "Next",
    "End",
    "StartAt",
    "States",
    "Resource",
    "Parameters",
    "InputPath",
    "OutputPath",
    "ResultPath",
    "Choices",
    "Default",
    "Branches",
    "ItemProcessor",
    "Seconds",
    "Timestamp",
    "Retry",
    "Catch",
    "ErrorEquals",
    "Variable",
    "StringEquals",
    "And",
    "Not",
    "Output",
    "Arguments",
    "Assign",
    "QueryLanguage",
    "Items",
    "Error",
    "CausePath",
    "a.$"
  };
  private static final String[] STRINGS = {
    "$",
    "$.a",
    "$$.Execution.Id",
    "$..x",
    "$[?(@.a)]",
    "States.Format('{}', $.a)",
    "States.Nope(",
    "{% $states.input %}",
    "{% 1 + %}",
    "Pass",
    "Task",
    "Choice",
    "Map",
    "JSONata",
    "JSONPath",
    "arn:aws:states:::lambda:invoke",
    "",
    "A",
    "B",
    "\u0000",
    "\\'"
  };

  @Test
  void parsingNeverThrows() throws Exception {
    List<JsonNode> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/definitions/valid"))) {
      for (Path f : files.sorted().toList()) {
        seeds.add(Json.parse(Files.readString(f)));
      }
    }
    long seed = 20261124L;
    Random random = new Random(seed);
    for (int i = 0; i < 3_000; i++) {
      long iterationSeed = random.nextLong();
      Random r = new Random(iterationSeed);
      JsonNode doc = seeds.get(r.nextInt(seeds.size())).deepCopy();
      for (int m = 0; m < 1 + r.nextInt(4); m++) {
        doc = mutate(doc, r);
      }
      String text = r.nextInt(10) == 0 ? truncate(Json.write(doc), r) : Json.write(doc);
      ParseResult result;
      try {
        result =
            new DefinitionParser(r.nextBoolean() ? MachineType.STANDARD : MachineType.EXPRESS)
                .parse(text);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + iterationSeed + " threw on: " + text, e);
      }
      assertThat(result.valid() || !result.errors().isEmpty())
          .as("seed %d: a model or an error", iterationSeed)
          .isTrue();
    }
  }

  private static String truncate(String text, Random r) {
    return text.substring(0, r.nextInt(text.length() + 1));
  }

  private static JsonNode mutate(JsonNode node, Random r) {
    List<JsonNode> containers = new ArrayList<>();
    collect(node, containers);
    JsonNode target = containers.get(r.nextInt(containers.size()));
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      switch (r.nextInt(4)) {
        case 0 -> {
          if (!names.isEmpty()) {
            o.remove(names.get(r.nextInt(names.size())));
          }
        }
        case 1 -> o.set(FIELDS[r.nextInt(FIELDS.length)], randomValue(r));
        case 2 -> {
          if (!names.isEmpty()) {
            o.set(names.get(r.nextInt(names.size())), randomValue(r));
          }
        }
        default -> {
          if (!names.isEmpty()) {
            String n = names.get(r.nextInt(names.size()));
            o.set(n + "x", o.get(n));
          }
        }
      }
    } else if (target instanceof ArrayNode a) {
      if (a.isEmpty() || r.nextBoolean()) {
        a.add(randomValue(r));
      } else {
        a.remove(r.nextInt(a.size()));
      }
    }
    return node;
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      node.forEach(child -> collect(child, out));
    }
  }

  private static JsonNode randomValue(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> Json.NODES.textNode(STRINGS[r.nextInt(STRINGS.length)]);
      case 1 -> Json.NODES.numberNode(r.nextInt(200) - 100);
      case 2 -> Json.NODES.booleanNode(r.nextBoolean());
      case 3 -> Json.NODES.nullNode();
      case 4 -> Json.NODES.arrayNode().add(Json.NODES.textNode(STRINGS[r.nextInt(STRINGS.length)]));
      case 5 -> Json.NODES.numberNode(r.nextDouble() * 1e20);
      default -> {
        ObjectNode o = Json.NODES.objectNode();
        o.put(FIELDS[r.nextInt(FIELDS.length)], STRINGS[r.nextInt(STRINGS.length)]);
        yield o;
      }
    };
  }
}
