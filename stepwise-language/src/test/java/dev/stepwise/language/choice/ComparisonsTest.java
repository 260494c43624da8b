package dev.stepwise.language.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.eval.Variables;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.path.Paths;
import org.junit.jupiter.api.Test;

class ComparisonsTest {
  private static final JsonNode INPUT =
      Json.parseTrusted(
          """
          {"s": "abc", "n": 10, "f": 1.5, "b": true, "t": "2016-03-14T01:59:00Z",
           "t2": "2016-03-14T01:59:00.5+01:00", "nil": null, "star": "a*b\\\\c", "other": "abd"}
          """);
  private static final Scope SCOPE = new Scope(INPUT, Variables.NONE, INPUT, null, null);

  private static boolean test(String variable, Operator op, String literal) throws Exception {
    return new Condition.Comparison(Paths.compile(variable), op, Json.parse(literal), null)
        .test(INPUT, SCOPE);
  }

  private static boolean testPath(String variable, Operator op, String path) throws Exception {
    return new Condition.Comparison(Paths.compile(variable), op, null, Paths.compile(path))
        .test(INPUT, SCOPE);
  }

  @Test
  void everyOperator() throws Exception {
    assertThat(test("$.s", Operator.STRING_EQUALS, "\"abc\"")).isTrue();
    assertThat(test("$.s", Operator.STRING_LESS_THAN, "\"abd\"")).isTrue();
    assertThat(test("$.s", Operator.STRING_GREATER_THAN, "\"abd\"")).isFalse();
    assertThat(test("$.s", Operator.STRING_LESS_THAN_EQUALS, "\"abc\"")).isTrue();
    assertThat(test("$.s", Operator.STRING_GREATER_THAN_EQUALS, "\"abc\"")).isTrue();
    assertThat(test("$.s", Operator.STRING_MATCHES, "\"a*\"")).isTrue();
    assertThat(test("$.star", Operator.STRING_MATCHES, "\"a\\\\*b\\\\\\\\c\"")).isTrue();
    assertThat(test("$.n", Operator.NUMERIC_EQUALS, "10.0")).isTrue();
    assertThat(test("$.n", Operator.NUMERIC_LESS_THAN, "10")).isFalse();
    assertThat(test("$.f", Operator.NUMERIC_GREATER_THAN, "1")).isTrue();
    assertThat(test("$.n", Operator.NUMERIC_LESS_THAN_EQUALS, "10")).isTrue();
    assertThat(test("$.n", Operator.NUMERIC_GREATER_THAN_EQUALS, "11")).isFalse();
    assertThat(test("$.b", Operator.BOOLEAN_EQUALS, "true")).isTrue();
    assertThat(test("$.t", Operator.TIMESTAMP_EQUALS, "\"2016-03-14T01:59:00Z\"")).isTrue();
    assertThat(test("$.t2", Operator.TIMESTAMP_LESS_THAN, "\"2016-03-14T01:59:00Z\"")).isTrue();
    assertThat(test("$.t", Operator.TIMESTAMP_GREATER_THAN, "\"2016-03-14T01:58:59Z\"")).isTrue();
    assertThat(test("$.t", Operator.TIMESTAMP_LESS_THAN_EQUALS, "\"2016-03-14T01:59:00Z\""))
        .isTrue();
    assertThat(test("$.t", Operator.TIMESTAMP_GREATER_THAN_EQUALS, "\"2017-01-01T00:00:00Z\""))
        .isFalse();
    assertThat(test("$.nil", Operator.IS_NULL, "true")).isTrue();
    assertThat(test("$.missing", Operator.IS_PRESENT, "false")).isTrue();
    assertThat(test("$.n", Operator.IS_NUMERIC, "true")).isTrue();
    assertThat(test("$.s", Operator.IS_STRING, "true")).isTrue();
    assertThat(test("$.b", Operator.IS_BOOLEAN, "true")).isTrue();
    assertThat(test("$.t", Operator.IS_TIMESTAMP, "true")).isTrue();
    assertThat(test("$.s", Operator.IS_TIMESTAMP, "true")).isFalse();
    assertThat(testPath("$.s", Operator.STRING_LESS_THAN, "$.other")).isTrue();
    assertThat(testPath("$.n", Operator.NUMERIC_EQUALS, "$.n")).isTrue();
  }

  @Test
  void typeMismatchIsFalseNotAnError() throws Exception {
    assertThat(test("$.n", Operator.STRING_EQUALS, "\"10\"")).isFalse();
    assertThat(test("$.s", Operator.NUMERIC_EQUALS, "1")).isFalse();
    assertThat(test("$.s", Operator.TIMESTAMP_EQUALS, "\"2016-03-14T01:59:00Z\"")).isFalse();
    assertThat(test("$.b", Operator.BOOLEAN_EQUALS, "\"true\"")).isFalse();
  }

  @Test
  void aMissingVariableFailsTheState() {
    assertThatThrownBy(() -> test("$.missing", Operator.STRING_EQUALS, "\"a\""))
        .isInstanceOfSatisfying(
            StatesException.class,
            e ->
                assertThat(e.statesCause())
                    .isEqualTo("Invalid path '$.missing' : No results for path: $['missing']"));
  }

  @Test
  void logicalCombinators() throws Exception {
    Condition yes =
        new Condition.Comparison(
            Paths.compile("$.b"), Operator.BOOLEAN_EQUALS, Json.parse("true"), null);
    Condition no = new Condition.Not(yes);
    assertThat(new Condition.And(java.util.List.of(yes, yes)).test(INPUT, SCOPE)).isTrue();
    assertThat(new Condition.And(java.util.List.of(yes, no)).test(INPUT, SCOPE)).isFalse();
    assertThat(new Condition.Or(java.util.List.of(no, yes)).test(INPUT, SCOPE)).isTrue();
  }
}
