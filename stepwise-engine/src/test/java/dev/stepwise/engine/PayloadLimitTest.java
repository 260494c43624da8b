package dev.stepwise.engine;

import static dev.stepwise.engine.EngineHarness.historyJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS's 256 KiB limit on what a state passes on: a state's new output is measured once, an output
 * passed on unchanged (already within the limit) is not measured again.
 */
class PayloadLimitTest {
  private final EngineHarness h = new EngineHarness();
  private final String half = "x".repeat(150_000);

  @Test
  void aStateWhoseOutputExceedsTheLimitFails() {
    Execution e =
        h.start(
            """
            {"StartAt": "Double", "States": {
              "Double": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}
            """,
            "{\"s\": \"" + half + "\"}");

    assertThat(List.of(e.status().name(), e.error(), e.cause()))
        .containsExactly(
            "FAILED",
            "States.DataLimitExceeded",
            "The state/task 'Double' returned a result with a size exceeding the maximum number of"
                + " bytes service limit.");
  }

  @Test
  void anOutputPassedOnUnchangedIsShownInEveryEvent() {
    String input = "{\"s\":\"" + half + "\"}";
    Execution e =
        h.start(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Next": "B"},
              "B": {"Type": "Pass", "End": true}}}
            """,
            input);

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<String> texts = new java.util.ArrayList<>();
    historyJson(e)
        .forEach(
            event ->
                event.properties().stream()
                    .filter(p -> p.getKey().endsWith("EventDetails"))
                    .forEach(
                        p ->
                            texts.add(
                                p.getValue().has("input")
                                    ? p.getValue().get("input").asText()
                                    : p.getValue().get("output").asText())));
    assertThat(texts).hasSize(6).containsOnly(input);
  }
}
