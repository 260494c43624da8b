package dev.stepwise.engine;

import static dev.stepwise.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.runtime.Interpreter;
import dev.stepwise.language.parse.MachineType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step runs at most {@link Interpreter#STEP_BUDGET} actions: a long run is cut into steps that
 * give way to other work, and ends exactly as an uncut one would.
 */
class StepBudgetTest {
  private static final String LOOP =
      """
      {"StartAt": "Inc", "States": {
        "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "limit.$": "$.limit"},
                "Next": "Check"},
        "Check": {"Type": "Choice",
                  "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.limit", "Next": "Inc"}],
                  "Default": "Done"},
        "Done": {"Type": "Succeed"}}}
      """;

  private final EngineHarness h = new EngineHarness();

  @Test
  void theFirstStepStopsAtItsBudget() {
    Execution e = h.begin(LOOP, "{\"i\": 0, \"limit\": 1500}", MachineType.STANDARD);

    // ExecutionStarted, then an Entered and an Exited event for each of the 1,000 states entered.
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(e.history()).hasSize(1 + 2 * Interpreter.STEP_BUDGET);
    assertThat(h.scheduler.hasReadyWork()).isTrue();
  }

  @Test
  void aCutRunEndsAsAnUncutOneWould() {
    Execution e = h.start(LOOP, "{\"i\": 0, \"limit\": 1500}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).isEqualTo(json("{\"i\": 1500, \"limit\": 1500}"));
    List<HistoryEvent> history = e.history();
    // 1,500 Inc and 1,500 Check states, Done, and the execution's two events, ids without gaps.
    assertThat(history).hasSize(2 * 3_001 + 2);
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).id()).isEqualTo(i + 1);
    }
    assertThat(history.getLast().type()).isEqualTo(EventType.ExecutionSucceeded);
  }

  @Test
  void aStopGetsInBetweenTwoSteps() {
    Execution e = h.begin(LOOP, "{\"i\": 0, \"limit\": 100000}", MachineType.STANDARD);
    h.engine.stop(e.spec().executionArn(), "Halt", "from the test");
    h.scheduler.runReady();

    // The stop goes before the rest of the run: the first step's 1,000 states, then the end.
    assertThat(e.status()).isEqualTo(ExecutionStatus.ABORTED);
    List<HistoryEvent> history = h.store.history(e.spec().executionArn());
    assertThat(history).hasSize(2 + 2 * Interpreter.STEP_BUDGET);
    assertThat(history.getLast().type()).isEqualTo(EventType.ExecutionAborted);
    assertThat(history.getLast().details())
        .isEqualTo(json("{\"error\": \"Halt\", \"cause\": \"from the test\"}"));
  }
}
