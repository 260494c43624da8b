package dev.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.language.json.Json;
import dev.stepwise.observability.metrics.StepwiseMetrics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After runs with known outcomes, {@code /metrics} shows exactly those counts and times. */
class MetricsTest {
  private final StepwiseMetrics metrics = new StepwiseMetrics(1000, false);
  private final Observed o = new Observed(List.of(metrics.executions()));

  @AfterEach
  void close() {
    metrics.close();
  }

  /** The scrape's lines for one metric family (its samples, not its HELP and TYPE lines). */
  private String lines(String family) {
    return Arrays.stream(metrics.scrape().split("\n"))
        .filter(l -> l.startsWith(family + "{") || l.startsWith(family + " "))
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  @Test
  void executionCountsAndTimesPerStateMachine() {
    o.create("ok", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}", null);
    o.create(
        "bad",
        "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"E\",\"Cause\":\"C\"}}}",
        null);
    o.create(
        "waits",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}",
        null);
    o.create(
        "slow",
        "{\"TimeoutSeconds\":5,\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}",
        null);
    for (int i = 0; i < 3; i++) {
      o.start("ok", "ok-" + i, "{}");
    }
    o.start("bad", "bad-1", "{}");
    o.start("bad", "bad-2", "{}");
    o.start("waits", "w-1", "{}");
    o.start("slow", "s-1", "{}");
    o.advance(Duration.ofSeconds(2));
    o.stop(Observed.EXEC + "waits:w-1");
    o.advance(Duration.ofSeconds(3));

    assertThat(lines("stepwise_executions_started_total"))
        .isEqualTo(
            """
            stepwise_executions_started_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:bad"} 2.0
            stepwise_executions_started_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:ok"} 3.0
            stepwise_executions_started_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:slow"} 1.0
            stepwise_executions_started_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:waits"} 1.0""");
    assertThat(lines("stepwise_executions_succeeded_total"))
        .isEqualTo(
            """
            stepwise_executions_succeeded_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:bad"} 0.0
            stepwise_executions_succeeded_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:ok"} 3.0
            stepwise_executions_succeeded_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:slow"} 0.0
            stepwise_executions_succeeded_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:waits"} 0.0""");
    assertThat(lines("stepwise_executions_failed_total")).contains("stateMachine:bad\"} 2.0");
    assertThat(lines("stepwise_executions_aborted_total")).contains("stateMachine:waits\"} 1.0");
    assertThat(lines("stepwise_executions_timed_out_total")).contains("stateMachine:slow\"} 1.0");
    assertThat(lines("stepwise_executions_redriven_total")).doesNotContain("} 1.0");
    assertThat(lines("stepwise_execution_throttled_total")).doesNotContain("} 1.0");
    // The timed-out one ran exactly its 5 seconds; the aborted one 2.
    assertThat(lines("stepwise_execution_time_seconds_sum"))
        .isEqualTo(
            """
            stepwise_execution_time_seconds_sum{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:bad"} 0.0
            stepwise_execution_time_seconds_sum{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:ok"} 0.0
            stepwise_execution_time_seconds_sum{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:slow"} 5.0
            stepwise_execution_time_seconds_sum{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:waits"} 2.0""");
    assertThat(lines("stepwise_execution_time_seconds_bucket"))
        .contains(
            "stepwise_execution_time_seconds_bucket{state_machine=\"arn:aws:states:us-east-1:123456789012:stateMachine:slow\",le=\"5.0\"} 1\n")
        .contains(
            "stepwise_execution_time_seconds_bucket{state_machine=\"arn:aws:states:us-east-1:123456789012:stateMachine:slow\",le=\"1.0\"} 0\n");
  }

  @Test
  void activityAndServiceIntegrationCountsAndTimes() {
    String activity = "arn:aws:states:us-east-1:123456789012:activity:work";
    o.create(
        "act",
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\""
            + activity
            + "\",\"End\":true}}}",
        null);
    o.create(
        "svc",
        "{\"StartAt\":\"L\",\"States\":{\"L\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
            + "\"Parameters\":{\"FunctionName\":\"f\"},\"End\":true}}}",
        null);
    AtomicReference<TaskCallbacks> worker = new AtomicReference<>();
    o.tasks.then(activity, (r, c) -> worker.set(c));
    o.tasks.fail("arn:aws:states:::lambda:invoke", "Lambda.Unknown", "boom");
    o.start("act", "a-1", "{}");
    o.start("svc", "l-1", "{}");
    o.advance(Duration.ofSeconds(2)); // waits for a worker
    worker.get().started("w1");
    o.scheduler.runReady();
    o.advance(Duration.ofSeconds(3)); // the worker works
    worker.get().succeeded(Json.parseTrusted("{\"done\":true}"));
    o.scheduler.runReady();

    assertThat(o.service.find(Observed.EXEC + "act:a-1")).isEmpty();
    assertThat(o.store.find(Observed.EXEC + "act:a-1").orElseThrow().status())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    String a = "{activity=\"" + activity + "\"}";
    assertThat(lines("stepwise_activities_scheduled_total"))
        .isEqualTo("stepwise_activities_scheduled_total" + a + " 1.0");
    assertThat(lines("stepwise_activities_started_total"))
        .isEqualTo("stepwise_activities_started_total" + a + " 1.0");
    assertThat(lines("stepwise_activities_succeeded_total"))
        .isEqualTo("stepwise_activities_succeeded_total" + a + " 1.0");
    assertThat(lines("stepwise_activities_failed_total"))
        .isEqualTo("stepwise_activities_failed_total" + a + " 0.0");
    assertThat(lines("stepwise_activity_schedule_time_seconds_sum"))
        .isEqualTo("stepwise_activity_schedule_time_seconds_sum" + a + " 2.0");
    assertThat(lines("stepwise_activity_run_time_seconds_sum"))
        .isEqualTo("stepwise_activity_run_time_seconds_sum" + a + " 3.0");
    assertThat(lines("stepwise_activity_time_seconds_sum"))
        .isEqualTo("stepwise_activity_time_seconds_sum" + a + " 5.0");
    String s = "{resource=\"arn:aws:states:::lambda:invoke\"}";
    assertThat(lines("stepwise_service_integrations_scheduled_total"))
        .isEqualTo("stepwise_service_integrations_scheduled_total" + s + " 1.0");
    assertThat(lines("stepwise_service_integrations_started_total"))
        .isEqualTo("stepwise_service_integrations_started_total" + s + " 1.0");
    assertThat(lines("stepwise_service_integrations_failed_total"))
        .isEqualTo("stepwise_service_integrations_failed_total" + s + " 1.0");
    assertThat(lines("stepwise_service_integrations_succeeded_total"))
        .isEqualTo("stepwise_service_integrations_succeeded_total" + s + " 0.0");
  }

  @Test
  void labelsAreBoundedPerFamily() {
    StepwiseMetrics small = new StepwiseMetrics(2, false);
    Observed few = new Observed(List.of(small.executions()));
    String pass = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    for (String m : List.of("m1", "m2", "m3", "m4")) {
      few.create(m, pass, null);
      few.start(m, "e", "{}");
    }
    String started =
        Arrays.stream(small.scrape().split("\n"))
            .filter(l -> l.startsWith("stepwise_executions_started_total{"))
            .sorted()
            .collect(Collectors.joining("\n"));
    assertThat(started)
        .isEqualTo(
            """
            stepwise_executions_started_total{state_machine="_other"} 2.0
            stepwise_executions_started_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:m1"} 1.0
            stepwise_executions_started_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:m2"} 1.0""");
    small.close();
  }

  @Test
  void engineGaugesAndApiLatency() {
    o.create(
        "waits",
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}",
        null);
    metrics.bind(o.engine, () -> 7);
    o.start("waits", "w-1", "{}");
    o.start("waits", "w-2", "{}");
    metrics.apiCall("StartExecution", null, 2_000_000);
    metrics.apiCall("StartExecution", "ExecutionAlreadyExists", 1_000_000);
    metrics.store().committed(3, 4_000_000);
    assertThat(lines("stepwise_open_executions")).isEqualTo("stepwise_open_executions 2.0");
    assertThat(lines("stepwise_parked_executions")).isEqualTo("stepwise_parked_executions 0.0");
    assertThat(lines("stepwise_timers_pending")).isEqualTo("stepwise_timers_pending 7.0");
    assertThat(lines("stepwise_api_request_seconds_count"))
        .isEqualTo(
            """
            stepwise_api_request_seconds_count{operation="StartExecution",outcome="ExecutionAlreadyExists"} 1
            stepwise_api_request_seconds_count{operation="StartExecution",outcome="success"} 1""");
    assertThat(lines("stepwise_api_request_seconds_sum"))
        .isEqualTo(
            """
            stepwise_api_request_seconds_sum{operation="StartExecution",outcome="ExecutionAlreadyExists"} 0.001
            stepwise_api_request_seconds_sum{operation="StartExecution",outcome="success"} 0.002""");
    assertThat(lines("stepwise_store_commit_steps_sum"))
        .isEqualTo("stepwise_store_commit_steps_sum 3.0");
    assertThat(lines("stepwise_store_commit_seconds_sum"))
        .isEqualTo("stepwise_store_commit_seconds_sum 0.004");
  }
}
