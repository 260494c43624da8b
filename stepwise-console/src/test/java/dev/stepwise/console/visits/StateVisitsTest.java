package dev.stepwise.console.visits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.EngineHarness;
import dev.stepwise.engine.Execution;
import dev.stepwise.language.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** State visits from real histories the engine wrote: placement, status, attempts, children. */
class StateVisitsTest {
  private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:f";
  private final EngineHarness h = new EngineHarness();

  /** One line per visit: id, where it runs, state, status, attempts and error. */
  private static List<String> lines(Execution e) {
    return StateVisits.of(e.history(), e.spec().machine()).visits().stream()
        .map(
            v ->
                v.id()
                    + (v.parent() == null ? "" : " in " + v.parent())
                    + (v.branch() == null ? "" : " branch " + v.branch())
                    + (v.iteration() == null ? "" : " iteration " + v.iteration())
                    + " "
                    + v.state()
                    + " "
                    + v.status()
                    + (v.attempts().isEmpty() ? "" : " attempts " + v.attempts().size())
                    + (v.error() == null ? "" : " error " + v.error())
                    + (v.iterations().isEmpty()
                        ? ""
                        : " iterations "
                            + v.iterations().stream().map(i -> i.status().name()).toList()))
        .toList();
  }

  @Test
  void branchesAndIterationsAreFoundThroughPreviousEventIds() {
    h.tasks.fail(LAMBDA, "Boom", "first");
    h.tasks.fail(LAMBDA, "Boom", "second");
    Execution e =
        h.start(
            """
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "Next": "M", "ResultPath": null, "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 1, "End": true}}}]},
              "M": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": null, "Next": "T",
                "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}}},
              "T": {"Type": "Task", "Resource": "%s",
                "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1, "IntervalSeconds": 2}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": true},
              "C": {"Type": "Fail", "Error": "E"}}}
            """
                .formatted(LAMBDA),
            "{\"items\": [1, 2]}");
    h.runUntilIdle();

    assertThat(lines(e))
        .containsExactly(
            "2 P SUCCEEDED attempts 1",
            "4 in 2 branch 0 A SUCCEEDED",
            "6 in 2 branch 1 B SUCCEEDED",
            "9 M SUCCEEDED attempts 1 iterations [SUCCEEDED, SUCCEEDED]",
            "13 in 9 iteration 0 X SUCCEEDED",
            "16 in 9 iteration 1 X SUCCEEDED",
            "21 T CAUGHT_ERROR attempts 2 error Boom",
            "29 C FAILED");
    Visit t = StateVisits.of(e.history(), e.spec().machine()).visit(21);
    assertThat(t.attempts())
        .extracting(a -> a.error() + ":" + a.cause())
        .containsExactly("Boom:first", "Boom:second");
    // The backoff: the second attempt starts two seconds after the first ended.
    assertThat(Duration.between(t.attempts().get(0).end(), t.attempts().get(1).start()))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(t.resource()).isEqualTo(LAMBDA);
  }

  @Test
  void aFailingBranchFailsTheParallelAndAbortsItsSibling() {
    Execution e =
        h.start(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 5, "End": true}}},
              {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "B", "Cause": "c"}}}]}}}
            """,
            "{}");

    assertThat(lines(e))
        .containsExactly(
            "2 P FAILED attempts 1", "4 in 2 branch 0 Slow ABORTED", "5 in 2 branch 1 Boom FAILED");
  }

  @Test
  void aFailureInAMapIterationFailsThatIterationAndTheMap() {
    h.tasks.fail(LAMBDA, "Boom", "no");
    Execution e =
        h.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}
            """
                .formatted(LAMBDA),
            "[1, 2]");
    h.runUntilIdle();

    assertThat(lines(e))
        .containsExactly(
            "2 M FAILED attempts 1 error Boom iterations [FAILED]",
            "5 in 2 iteration 0 T FAILED attempts 1 error Boom");
  }

  @Test
  void aStoppedExecutionAbortsWhatIsOpen() {
    Execution e =
        h.start(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}
            """,
            "{}");
    assertThat(lines(e)).containsExactly("2 W IN_PROGRESS");
    h.engine.stop(e.spec().executionArn(), "Stop", "by hand");
    h.runUntilIdle();

    assertThat(lines(e)).containsExactly("2 W ABORTED");
  }

  @Test
  void everyEventBelongsToTheVisitThatWroteIt() {
    Execution e =
        h.start(
            """
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}
            """,
            "{}");
    StateVisits.Projection p = StateVisits.of(e.history(), e.spec().machine());
    assertThat(p.visits())
        .extracting(Visit::events)
        .containsExactly(List.of(2L, 3L), List.of(4L, 5L));
    assertThat(p.ownerOfEvent()[1]).isZero();
    assertThat(Json.write(VisitsJson.visit(p.visits().get(0))))
        .isEqualTo(
            "{\"id\":2,\"state\":\"A\",\"type\":\"Pass\",\"status\":\"SUCCEEDED\","
                + "\"start\":1767225600000,\"end\":1767225600000}");
  }
}
