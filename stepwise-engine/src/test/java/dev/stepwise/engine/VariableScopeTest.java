package dev.stepwise.engine;

import static dev.stepwise.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Variables by scope: branches and iterations read outer variables and keep their own. */
class VariableScopeTest {
  private final EngineHarness h = new EngineHarness();

  @Test
  void branchesReadOuterVariablesAndKeepTheirOwn() {
    Execution e =
        h.start(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"outer": 1}, "Next": "P"},
              "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"inner": "{% $outer + 1 %}"}, "Next": "A2"},
                  "A2": {"Type": "Pass", "Output": "{% [$outer, $inner] %}", "End": true}}},
                {"StartAt": "B", "States": {
                  "B": {"Type": "Pass", "Assign": {"inner": "{% $outer + 2 %}"}, "Next": "B2"},
                  "B2": {"Type": "Pass", "Output": "{% [$outer, $inner] %}", "End": true}}}]}}}
            """,
            "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.write(e.output())).isEqualTo("[[1,2],[1,3]]");
  }

  @Test
  void anIterationMayNotAssignAnOuterVariable() {
    Execution e =
        h.start(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"total": 0}, "Next": "M"},
              "M": {"Type": "Map", "Items": [1, 2], "End": true, "ItemProcessor": {
                "StartAt": "Add", "States": {
                  "Add": {"Type": "Pass", "Assign": {"total": "{% $total + $states.input %}"},
                          "End": true}}}}}}
            """,
            "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).isEqualTo("States.Runtime");
    assertThat(e.cause())
        .isEqualTo(
            "An error occurred while executing the state 'Add' (entered at the event id #8)."
                + " Cannot bind value '1' to variable 'total' as it belongs to an outer scope.");
  }

  @Test
  void aCatchOnAParallelAssignsInTheOuterScope() {
    Execution e =
        h.start(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"seen": "none"}, "Next": "P"},
              "P": {"Type": "Parallel", "Next": "Show", "Branches": [
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "E"}}}],
               "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"seen": "{% $states.errorOutput.Error %}"},
                          "Next": "Show"}]},
              "Show": {"Type": "Pass", "Output": "{% $seen %}", "End": true}}}
            """,
            "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).isEqualTo(json("\"E\""));
  }

  @Test
  void variablesOverTheSizeLimitsFailTheState() {
    String input = "{\"s\": \"" + "x".repeat(150_000) + "\"}";
    Execution one =
        h.start(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Big", "States": {
              "Big": {"Type": "Pass", "Assign": {"big": "{% $states.input.s & $states.input.s %}"},
                      "End": true}}}
            """,
            input);
    Execution two =
        h.start(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Two", "States": {
              "Two": {"Type": "Pass", "Assign": {"a": "{% $states.input.s %}", "b": "{% $states.input.s %}"},
                      "End": true}}}
            """,
            input);

    assertThat(List.of(one.error(), one.cause(), two.error(), two.cause()))
        .containsExactly(
            "States.DataLimitExceeded",
            "The variable 'big' of the state 'Big' has a size exceeding the maximum number of"
                + " bytes service limit.",
            "States.DataLimitExceeded",
            "The Assign field of the state 'Two' has a size exceeding the maximum number of bytes"
                + " service limit.");
  }

  @Test
  void assignAndOutputSeeTheValuesOfStateEntry() {
    Execution e =
        h.start(
            """
            {"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"a": 1, "b": 2}, "Next": "Swap"},
              "Swap": {"Type": "Pass", "Assign": {"a": "{% $b %}", "b": "{% $a %}"},
                       "Output": "{% [$a, $b] %}", "Next": "Show"},
              "Show": {"Type": "Pass", "Output": "{% [$a, $b] %}", "End": true}}}
            """,
            "{}");

    // Swap's Output still sees a=1, b=2; the swapped values apply from the next state.
    assertThat(Json.write(e.output())).isEqualTo("[2,1]");
    assertThat(
            e.history().stream()
                .filter(ev -> ev.type().name().equals("PassStateExited"))
                .map(ev -> Json.write(ev.details().path("assignedVariables")))
                .toList())
        .containsExactly("{\"a\":\"1\",\"b\":\"2\"}", "{\"a\":\"2\",\"b\":\"1\"}", "null");
  }

  @Test
  void jsonPathStatesAssignToo() {
    Execution e =
        h.start(
            """
            {"StartAt": "Set", "States": {
              "Set": {"Type": "Pass", "Assign": {"name.$": "$.who", "n": 3}, "Next": "Use"},
              "Use": {"Type": "Pass", "Parameters": {"hello.$": "$name", "times.$": "$n"},
                      "End": true}}}
            """,
            "{\"who\": \"Ada\"}");

    assertThat(Json.write(e.output())).isEqualTo("{\"hello\":\"Ada\",\"times\":3}");
  }

  @Test
  void anExecutionsVariablesHoldAtMostTenMebibytes() {
    StringBuilder states = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      states
          .append(i == 0 ? "" : ",")
          .append("\"S")
          .append(i)
          .append("\": {\"Type\": \"Pass\", \"Assign\": {\"v")
          .append(i)
          .append("\": \"{% $states.input.s %}\"}, ")
          .append(i == 59 ? "\"End\": true}" : "\"Next\": \"S" + (i + 1) + "\"}");
    }
    Execution e =
        h.start(
            "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S0\", \"States\": {" + states + "}}",
            "{\"s\": \"" + "x".repeat(200_000) + "\"}");

    // 52 variables of 200,002 bytes fit in 10 MiB; the 53rd does not.
    assertThat(List.of(e.error(), e.cause()))
        .containsExactly(
            "States.DataLimitExceeded",
            "The variables assigned by the state 'S52' would exceed the maximum number of bytes an"
                + " execution's variables may hold.");
  }
}
