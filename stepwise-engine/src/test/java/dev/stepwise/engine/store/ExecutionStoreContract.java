package dev.stepwise.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.runtime.Step;
import dev.stepwise.engine.runtime.Trigger;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link ExecutionStore} must do; each store's test extends this. */
public abstract class ExecutionStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");
  private static final Arns ARNS = Arns.of(EngineSettings.DEFAULTS);

  /** A fresh, empty store. */
  protected abstract ExecutionStore store();

  /** Whether the store keeps the trigger journal (durable stores do). */
  protected abstract boolean keepsJournal();

  protected static ExecutionSpec spec(String name, Instant start) {
    return new ExecutionSpec(
        ARNS.execution("sm", name),
        name,
        ARNS.stateMachine("sm"),
        "sm",
        new DefinitionParser(MachineType.STANDARD)
            .parse(
                "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":5,\"End\":true}}}")
            .machine(),
        MachineType.STANDARD,
        Json.parseTrusted("{\"in\": \"put\"}"),
        ARNS.defaultRole(),
        start,
        null,
        null,
        true);
  }

  protected static StepRecord step(
      ExecutionSpec spec,
      long sequence,
      Trigger trigger,
      ExecutionStatus status,
      long firstEventId,
      int events) {
    List<HistoryEvent> list = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      ObjectNode details = Json.NODES.objectNode();
      details.put("name", "W");
      list.add(
          new HistoryEvent(
              firstEventId + i,
              firstEventId + i - 1,
              T0.plusSeconds(sequence),
              EventType.WaitStateEntered,
              details));
    }
    return new StepRecord(
        new ExecutionRecord(
            spec,
            42,
            status,
            status == ExecutionStatus.SUCCEEDED ? Json.parseTrusted("{\"out\":1}") : null,
            status == ExecutionStatus.FAILED ? "E" : null,
            status == ExecutionStatus.FAILED ? "C" : null,
            status == ExecutionStatus.RUNNING ? null : T0.plusSeconds(9)),
        sequence,
        trigger,
        T0.plusSeconds(sequence),
        new Step(list, List.of(), status));
  }

  private static void await(CompletableFuture<Void> f) throws Exception {
    f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void appendedStepsAreFoundWithTheirHistory() throws Exception {
    ExecutionStore store = store();
    ExecutionSpec spec = spec("one", T0);
    await(store.append(step(spec, 0, new Trigger.Start(), ExecutionStatus.RUNNING, 1, 2)));
    await(store.append(step(spec, 1, new Trigger.TimerFired(3), ExecutionStatus.SUCCEEDED, 3, 1)));

    ExecutionRecord r = store.find(spec.executionArn()).orElseThrow();
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.seed()).isEqualTo(42);
    assertThat(Json.write(r.output())).isEqualTo("{\"out\":1}");
    assertThat(r.stopDate()).isEqualTo(T0.plusSeconds(9));
    assertThat(r.spec().startTime()).isEqualTo(T0);
    assertThat(Json.write(r.spec().input())).isEqualTo("{\"in\":\"put\"}");
    assertThat(r.spec().machine().workflow().startAt()).isEqualTo("W");
    assertThat(store.history(spec.executionArn()))
        .extracting(HistoryEvent::id, HistoryEvent::previousEventId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 0L),
            org.assertj.core.groups.Tuple.tuple(2L, 1L),
            org.assertj.core.groups.Tuple.tuple(3L, 2L));
    assertThat(Json.write(store.history(spec.executionArn()).get(0).details()))
        .isEqualTo("{\"name\":\"W\"}");
    assertThat(store.find("arn:aws:states:us-east-1:123456789012:execution:sm:none")).isEmpty();
  }

  @Test
  void runningExecutionsAndTheirJournal() throws Exception {
    ExecutionStore store = store();
    ExecutionSpec running = spec("running", T0);
    ExecutionSpec done = spec("done", T0);
    ExecutionSpec failed = spec("failed", T0);
    await(store.append(step(running, 0, new Trigger.Start(), ExecutionStatus.RUNNING, 1, 1)));
    await(
        store.append(
            step(
                running,
                1,
                new Trigger.TaskSucceeded(7, Json.parseTrusted("[1]")),
                ExecutionStatus.RUNNING,
                2,
                1)));
    await(store.append(step(done, 0, new Trigger.Start(), ExecutionStatus.SUCCEEDED, 1, 1)));
    await(store.append(step(failed, 0, new Trigger.Start(), ExecutionStatus.FAILED, 1, 1)));

    assertThat(store.running()).extracting(r -> r.spec().name()).containsExactly("running");
    if (keepsJournal()) {
      assertThat(store.journal(running.executionArn()))
          .extracting(
              ExecutionStore.JournalEntry::sequence,
              ExecutionStore.JournalEntry::trigger,
              ExecutionStore.JournalEntry::at)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(0L, new Trigger.Start(), T0),
              org.assertj.core.groups.Tuple.tuple(
                  1L, new Trigger.TaskSucceeded(7, Json.parseTrusted("[1]")), T0.plusSeconds(1)));
      // A success is never redriven; a failure keeps what a redrive replays.
      assertThat(store.journal(done.executionArn())).isEmpty();
      assertThat(store.journal(failed.executionArn()))
          .extracting(ExecutionStore.JournalEntry::trigger)
          .containsExactly(new Trigger.Start());
      assertThat(store.lastEventId(failed.executionArn())).isEqualTo(1);
    }
  }

  @Test
  void aRedrivenExecutionKeepsItsCountDateAndJournal() throws Exception {
    ExecutionStore store = store();
    ExecutionSpec spec = spec("redriven", T0);
    await(store.append(step(spec, 0, new Trigger.Start(), ExecutionStatus.FAILED, 1, 2)));
    StepRecord redrive = step(spec, 1, new Trigger.Redrive("t-1"), ExecutionStatus.RUNNING, 3, 1);
    ExecutionRecord r = redrive.execution();
    await(
        store.append(
            new StepRecord(
                new ExecutionRecord(
                    spec,
                    42,
                    ExecutionStatus.RUNNING,
                    null,
                    null,
                    null,
                    null,
                    1,
                    T0.plusSeconds(60)),
                1,
                redrive.trigger(),
                redrive.at(),
                redrive.step())));
    ExecutionRecord found = store.find(spec.executionArn()).orElseThrow();
    assertThat(found.redriveCount()).isEqualTo(1);
    assertThat(found.redriveDate()).isEqualTo(T0.plusSeconds(60));
    assertThat(found.status()).isEqualTo(r.status());
    assertThat(store.list(new ExecutionQuery(null, null, 10, null)).get(0).redriveCount())
        .isEqualTo(1);
    assertThat(store.lastEventId(spec.executionArn())).isEqualTo(3);
    if (keepsJournal()) {
      assertThat(store.journal(spec.executionArn()))
          .extracting(ExecutionStore.JournalEntry::trigger)
          .containsExactly(new Trigger.Start(), new Trigger.Redrive("t-1"));
    }
  }

  @Test
  void listingIsNewestFirstWithFiltersAndPages() throws Exception {
    ExecutionStore store = store();
    for (int i = 0; i < 5; i++) {
      await(
          store.append(
              step(
                  spec("e" + i, T0.plusSeconds(i)),
                  0,
                  new Trigger.Start(),
                  i % 2 == 0 ? ExecutionStatus.RUNNING : ExecutionStatus.SUCCEEDED,
                  1,
                  1)));
    }
    List<ExecutionRecord> all = store.list(new ExecutionQuery(null, null, 10, null));
    assertThat(all).extracting(r -> r.spec().name()).containsExactly("e4", "e3", "e2", "e1", "e0");
    assertThat(
            store.list(
                new ExecutionQuery(ARNS.stateMachine("sm"), ExecutionStatus.SUCCEEDED, 10, null)))
        .extracting(r -> r.spec().name())
        .containsExactly("e3", "e1");
    ExecutionRecord second = all.get(1);
    assertThat(
            store.list(
                new ExecutionQuery(
                    null,
                    null,
                    2,
                    new ExecutionQuery.Position(
                        second.spec().startTime(), second.spec().executionArn()))))
        .extracting(r -> r.spec().name())
        .containsExactly("e2", "e1");
  }

  @Test
  void childrenAreFoundByTheExecutionThatStartedThem() throws Exception {
    ExecutionStore store = store();
    ExecutionSpec plain = spec("plain", T0);
    ExecutionSpec linked =
        new ExecutionSpec(
            ARNS.execution("sm", "child"),
            "child",
            plain.stateMachineArn(),
            "sm",
            plain.machine(),
            MachineType.STANDARD,
            Json.parseTrusted("{\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\": \"arn:parent\"}"),
            plain.roleArn(),
            T0,
            null,
            null,
            true);
    await(store.append(step(plain, 0, new Trigger.Start(), ExecutionStatus.RUNNING, 1, 1)));
    await(store.append(step(linked, 0, new Trigger.Start(), ExecutionStatus.RUNNING, 1, 1)));
    assertThat(store.list(new ExecutionQuery(null, null, 10, null, "arn:parent")))
        .extracting(r -> r.spec().name())
        .containsExactly("child");
  }

  @Test
  void manyConcurrentAppendsAllLandInOrder() throws Exception {
    ExecutionStore store = store();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int e = 0; e < 50; e++) {
      ExecutionSpec spec = spec("c" + e, T0);
      for (int s = 0; s < 20; s++) {
        futures.add(
            store.append(
                step(spec, s, new Trigger.TimerFired(s), ExecutionStatus.RUNNING, s + 1, 1)));
      }
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    assertThat(store.history(ARNS.execution("sm", "c7"))).hasSize(20);
    assertThat(store.running()).hasSize(50);
  }

  @Test
  void largePayloadsRoundTrip() throws Exception {
    ExecutionStore store = store();
    String big = "x".repeat(256 * 1024);
    ExecutionSpec spec = spec("big", T0);
    StepRecord s =
        step(
            spec,
            0,
            new Trigger.TaskSucceeded(1, Json.NODES.textNode(big)),
            ExecutionStatus.RUNNING,
            1,
            1);
    await(store.append(s));
    if (keepsJournal()) {
      assertThat(
              ((Trigger.TaskSucceeded) store.journal(spec.executionArn()).get(0).trigger())
                  .output()
                  .asText())
          .isEqualTo(big);
    }
  }
}
