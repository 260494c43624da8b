package dev.stepwise.language.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The references AWS recorded in test_sfn_api_variable_references (2024-11). */
class VariableReferencesTest {
  @Test
  void pathsIntrinsicsAndChoiceRulesReadVariables() {
    assertThat(
            VariableReferences.of(
                Json.parseTrusted(
                    """
                    {"StartAt": "S", "States": {
                      "S": {"Type": "Pass", "Assign": {"a": 1, "b.$": "$.x"}, "Next": "C"},
                      "C": {"Type": "Choice", "Choices": [
                        {"Variable": "$guess", "StringEqualsPath": "$answer", "Next": "P"}],
                        "Default": "P"},
                      "P": {"Type": "Pass", "Parameters": {
                        "f.$": "States.Format('Hi {} $notAVariable', $name, $$.Map.Item.Value)",
                        "plain": "$notRead"}, "End": true}}}
                    """)))
        .isEqualTo(Map.of("C", List.of("answer", "guess"), "P", List.of("name")));
  }

  @Test
  void nestedStatesAndMapPathsAreReportedOnTheirOwn() {
    assertThat(
            VariableReferences.of(
                Json.parseTrusted(
                    """
                    {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$list",
                      "ToleratedFailureCountPath": "$count",
                      "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass",
                        "Parameters": {"q.$": "$question"}, "End": true}}}, "End": true}}}
                    """)))
        .isEqualTo(Map.of("M", List.of("count", "list"), "I", List.of("question")));
  }

  @Test
  void jsonataReadsVariablesButNotStatesOrFunctions() {
    assertThat(
            VariableReferences.of(
                Json.parseTrusted(
                    """
                    {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
                      "C": {"Type": "Choice", "Choices": [
                        {"Condition": "{% $not($states.input.done) and $flag = \\"$x\\" %}",
                         "Next": "E"}], "Default": "E"},
                      "E": {"Type": "Succeed"}}}
                    """)))
        .isEqualTo(Map.of("C", List.of("flag")));
  }
}
