package dev.stepwise.engine;

import static dev.stepwise.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
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
}
