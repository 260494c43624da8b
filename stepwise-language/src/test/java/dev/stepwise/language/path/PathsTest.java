package dev.stepwise.language.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathsTest {
  private static final JsonNode INPUT =
      Json.parseTrusted(
          """
          {"a": {"b": [10, 20, {"c": "x"}]}, "x y": 1, "big": 12345678901234567890,
           "n": null, "items": [{"t": "p", "v": 1}, {"t": "q", "v": 2}, {"t": "p", "v": 3}],
           "ü": "unicode"}
          """);
  private static final Scope SCOPE =
      new Scope(
          Json.parseTrusted("{\"Execution\": {\"Id\": \"arn:x\"}}"),
          Map.of("count", Json.NODES.numberNode(3), "obj", Json.parseTrusted("{\"k\": [5]}"))::get,
          INPUT,
          null,
          null);

  private static String read(String path) throws ExpressionSyntaxException {
    JsonNode found = Paths.compile(path).find(INPUT, SCOPE);
    return found == null ? "<none>" : Json.write(found);
  }

  @Test
  void definitePathsReadMembersAndIndexes() throws Exception {
    assertThat(read("$")).isEqualTo(Json.write(INPUT));
    assertThat(read("$.a.b[2].c")).isEqualTo("\"x\"");
    assertThat(read("$['x y']")).isEqualTo("1");
    assertThat(read("$.a['b'][1]")).isEqualTo("20");
    assertThat(read("$.big")).isEqualTo("12345678901234567890");
    assertThat(read("$.n")).isEqualTo("null");
    assertThat(read("$.ü")).isEqualTo("\"unicode\"");
    assertThat(read("$.a.b[7]")).isEqualTo("<none>");
    assertThat(read("$.missing.deeper")).isEqualTo("<none>");
  }

  @Test
  void contextAndVariableRoots() throws Exception {
    assertThat(read("$$.Execution.Id")).isEqualTo("\"arn:x\"");
    assertThat(read("$count")).isEqualTo("3");
    assertThat(read("$obj.k[0]")).isEqualTo("5");
    assertThat(read("$unset")).isEqualTo("<none>");
  }

  @Test
  void fullJsonPathGoesThroughJayway() throws Exception {
    assertThat(read("$.items[*].v")).isEqualTo("[1,2,3]");
    assertThat(read("$.items[?(@.t == 'p')].v")).isEqualTo("[1,3]");
    assertThat(read("$.items[0:2].t")).isEqualTo("[\"p\",\"q\"]");
    assertThat(read("$..c")).isEqualTo("[\"x\"]");
    assertThat(read("$.items[-1].v")).isEqualTo("3");
    assertThat(read("$.items[?(@.t == 'z')]")).isEqualTo("[]");
    assertThat(Paths.compile("$.items[*]").isDefinite()).isFalse();
    assertThat(Paths.compile("$.a.b[0]").isDefinite()).isTrue();
  }

  @Test
  void aMissingPathFailsWithAwsCause() {
    assertThatThrownBy(() -> Paths.compile("$.NoSuchInputPath").evaluate(INPUT, SCOPE))
        .isInstanceOfSatisfying(
            StatesException.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.statesCause())
                  .isEqualTo(
                      "Invalid path '$.NoSuchInputPath' : No results for path:"
                          + " $['NoSuchInputPath']");
            });
  }

  @Test
  void aMissingObjectOnTheWayIsNamedAsJaywayNamesIt() {
    // Recorded: test_catch_states_runtime, OutputPath $.no.such.result.path on {}.
    assertThatThrownBy(
            () -> Paths.compile("$.no.such.result.path").evaluate(Json.parseTrusted("{}"), SCOPE))
        .isInstanceOfSatisfying(
            StatesException.class,
            e ->
                assertThat(e.statesCause())
                    .isEqualTo(
                        "Invalid path '$.no.such.result.path' : Missing property in path $['no']"));
  }

  @Test
  void fieldPathsNameTheirField() {
    assertThatThrownBy(
            () ->
                Paths.compileForField("$.nope", "value.$")
                    .evaluate(Json.parseTrusted("{\"a\":1}"), SCOPE))
        .isInstanceOfSatisfying(
            StatesException.class,
            e ->
                assertThat(e.statesCause())
                    .isEqualTo(
                        "The JSONPath '$.nope' specified for the field 'value.$' could not be"
                            + " found in the input '{\"a\":1}'"));
  }

  @Test
  void invalidPathsDoNotCompile() {
    for (String bad : new String[] {"a.b", "", "x", "$..[", "$.a[?(@.b ==]"}) {
      assertThatThrownBy(() -> Paths.compile(bad))
          .as(bad)
          .isInstanceOf(ExpressionSyntaxException.class);
    }
  }

  @Test
  void resultPathWritesCopyAlongThePath() throws Exception {
    JsonNode target = Json.parseTrusted("{\"a\": {\"keep\": 1}, \"other\": [1]}");
    JsonNode written =
        ReferencePath.compileResultPath("$.a.new").write(target, Json.NODES.textNode("v"));
    assertThat(Json.write(written)).isEqualTo("{\"a\":{\"keep\":1,\"new\":\"v\"},\"other\":[1]}");
    assertThat(Json.write(target)).isEqualTo("{\"a\":{\"keep\":1},\"other\":[1]}");
    assertThat(written.get("other")).isSameAs(target.get("other"));
    assertThat(ReferencePath.compileResultPath("$").write(target, Json.NODES.numberNode(1)))
        .isEqualTo(Json.NODES.numberNode(1));
    assertThat(
            Json.write(
                ReferencePath.compileResultPath("$.other[0]")
                    .write(target, Json.NODES.numberNode(9))))
        .isEqualTo("{\"a\":{\"keep\":1},\"other\":[9]}");
  }

  @Test
  void resultPathCreatesTheMissingObjectsOnTheWay() throws Exception {
    // Recorded: test_mixed_query_language test_task_dataflow_to_state, ResultPath $.enigma.mystery.
    assertThat(
            Json.write(
                ReferencePath.compileResultPath("$.enigma.mystery")
                    .write(Json.parse("{\"a\":1}"), Json.parse("{\"riddle\":\"?\"}"))))
        .isEqualTo("{\"a\":1,\"enigma\":{\"mystery\":{\"riddle\":\"?\"}}}");
  }

  @Test
  void resultPathFailuresAreAwsErrors() {
    assertThatThrownBy(
            () ->
                ReferencePath.compileResultPath("$.x")
                    .write(Json.NODES.textNode("foo"), Json.NODES.numberNode(1)))
        .isInstanceOfSatisfying(
            StatesException.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure");
              assertThat(e.statesCause())
                  .isEqualTo("Unable to apply ReferencePath $.x to input \"foo\"");
            });
    assertThatThrownBy(
            () ->
                ReferencePath.compileResultPath("$.no[0].path")
                    .write(Json.parseTrusted("{}"), Json.NODES.numberNode(1)))
        .isInstanceOfSatisfying(
            StatesException.class,
            e ->
                assertThat(e.statesCause())
                    .isEqualTo("Invalid path '$.no[0].path' : Missing property in path $['no']"));
    assertThatThrownBy(() -> ReferencePath.compileResultPath("$$.Execution"))
        .isInstanceOf(ExpressionSyntaxException.class);
    assertThatThrownBy(() -> ReferencePath.compile("$.a[*]"))
        .isInstanceOf(ExpressionSyntaxException.class);
  }

  @Test
  void thousandLevelDocumentsReadAndWriteWithoutOverflow() throws Exception {
    ObjectNode root = Json.NODES.objectNode();
    ObjectNode node = root;
    StringBuilder path = new StringBuilder("$");
    for (int i = 0; i < 1_000; i++) {
      node = node.putObject("n");
      path.append(".n");
    }
    node.put("leaf", 1);
    String deep = Json.write(root);
    JsonNode parsed = Json.parse(deep);
    assertThat(Paths.compile(path + ".leaf").evaluate(parsed, SCOPE).asInt()).isEqualTo(1);
    JsonNode written =
        ReferencePath.compileResultPath(path + ".leaf").write(parsed, Json.NODES.numberNode(2));
    assertThat(Paths.compile(path + ".leaf").evaluate(written, SCOPE).asInt()).isEqualTo(2);
  }
}
