package dev.stepwise.console.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.PassState;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.model.Transition;
import dev.stepwise.language.model.Workflow;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateGraphTest {
  private static StateMachine parse(String definition) {
    var result = new DefinitionParser(MachineType.STANDARD).parse(definition);
    assertThat(result.valid()).as(result.diagnostics().toString()).isTrue();
    return result.machine();
  }

  private static void assertGraph(StateMachine machine, String expected) {
    assertThat(Json.write(StateGraph.of(machine)))
        .isEqualTo(Json.write(Json.parseTrusted(expected)));
  }

  @Test
  void choiceRulesInRuleOrderThenDefaultAndCatchEdgesWithTheirErrors() {
    assertGraph(
        parse(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [
                  {"And": [{"Variable": "$.a", "NumericGreaterThanEquals": 1},
                           {"Not": {"Variable": "$.b", "IsNull": true}}], "Next": "T"},
                  {"Variable": "$.s", "StringEqualsPath": "$.t", "Next": "W"}],
                "Default": "T"},
              "W": {"Type": "Wait", "Seconds": 1, "Next": "T"},
              "T": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:c"},
                "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["A", "B"], "Next": "F"}], "End": true},
              "F": {"Type": "Fail", "Error": "E"}}}
            """),
        """
        {"id": "", "startAt": "C", "states": [
          {"name": "C", "type": "Choice", "reachable": true, "onlyByCatch": false, "end": false},
          {"name": "W", "type": "Wait", "reachable": true, "onlyByCatch": false, "end": false},
          {"name": "T", "type": "Task", "reachable": true, "onlyByCatch": false,
           "resource": "arn:aws:states:::states:startExecution.sync:2", "nested": "startExecution.sync:2",
           "retry": [{"errorEquals": ["States.Timeout"], "maxAttempts": 2, "intervalSeconds": 1, "backoffRate": 2.0}],
           "end": true},
          {"name": "F", "type": "Fail", "reachable": true, "onlyByCatch": true, "end": true}],
         "edges": [
          {"from": "C", "to": "T", "kind": "choice", "order": 1,
           "label": "$.a >= 1 and not ($.b is null)", "title": "Rule 1: $.a >= 1 and not ($.b is null)"},
          {"from": "C", "to": "W", "kind": "choice", "order": 2, "label": "$.s == $.t", "title": "Rule 2: $.s == $.t"},
          {"from": "C", "to": "T", "kind": "default", "label": "Default"},
          {"from": "W", "to": "T", "kind": "next"},
          {"from": "T", "to": "F", "kind": "catch", "label": "A, B", "title": "Catch: A, B"}],
         "queryLanguage": "JSONPATH"}
        """);
  }

  @Test
  void parallelBranchesAndMapProcessorsAreScopesOfTheirOwn() {
    assertGraph(
        parse(
            """
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "X", "States": {"X": {"Type": "Succeed"}}}}}}]}}}
            """),
        """
        {"id": "", "startAt": "P", "states": [
          {"name": "P", "type": "Parallel", "reachable": true, "onlyByCatch": false, "branches": [
            {"id": "P#0", "startAt": "A", "states": [
              {"name": "A", "type": "Pass", "reachable": true, "onlyByCatch": false, "end": true}], "edges": []},
            {"id": "P#1", "startAt": "M", "states": [
              {"name": "M", "type": "Map", "reachable": true, "onlyByCatch": false,
               "processor": {"id": "M#processor", "startAt": "X", "states": [
                 {"name": "X", "type": "Succeed", "reachable": true, "onlyByCatch": false, "end": true}], "edges": []},
               "distributed": true, "end": true}], "edges": []}],
           "end": true}],
         "edges": [], "queryLanguage": "JSONPATH"}
        """);
  }

  @Test
  void aStateNoTransitionReachesIsMarkedUnreachable() {
    StateMachine parsed =
        parse(
            """
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}
            """);
    // The parser refuses such a definition, as AWS does; a model built another way may have one.
    Map<String, State> states = new LinkedHashMap<>(parsed.workflow().states());
    PassState a = (PassState) states.get("A");
    states.put(
        "Orphan",
        new PassState(
            "Orphan",
            null,
            a.queryLanguage(),
            a.io(),
            Transition.END,
            null,
            null,
            Optional.empty()));
    StateMachine machine =
        new StateMachine(
            new Workflow("A", states, null),
            null,
            null,
            null,
            parsed.queryLanguage(),
            parsed.definition());
    assertThat(StateGraph.of(machine).path("states").path(1).path("reachable").asBoolean())
        .isFalse();
  }

  @Test
  void longConditionsAreCutWithTheWholeTextInTheTitle() {
    String variable = "$.a_very_long_field_name_that_goes_on_and_on.and_on";
    var edge =
        StateGraph.of(
                parse(
                    """
                    {"StartAt": "C", "States": {
                      "C": {"Type": "Choice", "Choices": [{"Variable": "%s", "StringMatches": "x*", "Next": "D"}],
                            "Default": "D"},
                      "D": {"Type": "Succeed"}}}
                    """
                        .formatted(variable)))
            .path("edges")
            .path(0);
    assertThat(edge.path("label").asText()).hasSize(ConditionLabels.MAX_CHARS).endsWith("…");
    assertThat(edge.path("title").asText()).isEqualTo("Rule 1: " + variable + " matches \"x*\"");
  }
}
