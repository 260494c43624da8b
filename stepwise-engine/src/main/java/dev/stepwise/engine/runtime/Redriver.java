package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.redrive.RedriveRules;
import dev.stepwise.engine.runtime.StateRun.MapRun;
import dev.stepwise.engine.runtime.StateRun.ParallelRun;
import dev.stepwise.language.eval.ErrorNames;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/*
 * Facts: ../shared/spec/distributed-map-redrive-teststate.md §2.4 (AWS's "Redriving executions"
 * page). What runs again is what had not finished when the execution closed: the frames (top level,
 * branches, iterations) that had not succeeded, each from where it stood. A state that had been
 * entered and not exited runs again without a new Entered event (AWS: states with an Entered and
 * no Exited event resume; no recorded history shows the events after ExecutionRedriven, so this is
 * our reading); a frame between two states enters the next one; a frame not started yet starts.
 * Parallel and inline Map resume only their unsuccessful branches and iterations, a Distributed
 * Map (whose iterations run here, not as child executions) only its unsuccessful items, with a
 * MapRunRedriven event; after States.DataLimitExceeded the whole Parallel or Map runs again.
 *
 * Everything here is decided from the interpreter's state, which a journal replay rebuilds, and
 * the trigger's instant: a redrive replays the same after a restart.
 */
/** RedriveExecution inside the interpreter: whether a closed execution may go on, and where. */
public final class Redriver {
  /** What a Redrive trigger answered: accepted with its date, or refused with AWS's reason. */
  public record Answer(boolean accepted, @Nullable Instant redriveDate, @Nullable String reason) {}

  /** A successful redrive's client token, for idempotent repeats. */
  private record Token(String token, Instant date) {}

  private final Interpreter interpreter;
  private final Deque<Token> tokens = new ArrayDeque<>();
  private int count;
  private @Nullable Instant date;
  private @Nullable Answer answer;

  Redriver(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  int count() {
    return count;
  }

  @Nullable Instant date() {
    return date;
  }

  @Nullable Answer answer() {
    return answer;
  }

  /** Handles a {@link Trigger.Redrive}: reopens the execution, or records why not. */
  void redrive(@Nullable String clientToken) {
    Instant now = interpreter.now();
    if (clientToken != null) {
      for (Token t : tokens) {
        if (t.token().equals(clientToken)
            && now.isBefore(t.date().plus(RedriveRules.TOKEN_PERIOD))) {
          answer = new Answer(true, t.date(), null); // the same request again: the same redrive
          return;
        }
      }
    }
    String refusal =
        RedriveRules.refusal(
            interpreter.status(),
            interpreter.spec().startTime(),
            interpreter.stopDate(),
            interpreter.log()::lastId,
            interpreter.settings().historyEventLimit(),
            now);
    if (refusal != null) {
      answer = new Answer(false, null, refusal);
      return;
    }
    boolean dataLimit = ErrorNames.DATA_LIMIT_EXCEEDED.equals(interpreter.error());
    count++;
    date = now;
    if (clientToken != null) {
      tokens.addLast(new Token(clientToken, now));
      if (tokens.size() > RedriveRules.TOKENS_KEPT) {
        tokens.removeFirst();
      }
    }
    answer = new Answer(true, now, null);
    interpreter.contextObject().redriven(count, now);
    Frame root = interpreter.root();
    int redriveCount = count;
    interpreter
        .log()
        .append(
            interpreter.log().lastId(),
            now,
            EventType.ExecutionRedriven,
            () -> {
              ObjectNode d = Json.NODES.objectNode();
              d.put("redriveCount", redriveCount);
              return d;
            });
    redrivenEventId = interpreter.log().lastId();
    interpreter.reopen();
    resume(root, dataLimit, redrivenEventId);
  }

  /** The ExecutionRedriven event: every frame that runs again follows it. */
  private long redrivenEventId;

  /**
   * Runs a frame that had not succeeded on from where it stood.
   *
   * @param previousEventId the event its next event follows
   */
  private void resume(Frame f, boolean dataLimit, long previousEventId) {
    f.ended = false;
    f.lastEventId = previousEventId;
    switch (f.phase) {
      case NOT_STARTED -> interpreter.enterLater(f, f.workflow.startAt(), f.input);
      case BETWEEN -> interpreter.enterLater(f, f.pendingNext, f.pendingInput);
      case IN_STATE -> resumeState(f, dataLimit);
      case SUCCEEDED -> throw new IllegalStateException("a succeeded frame is not redriven");
    }
  }

  private void resumeState(Frame f, boolean dataLimit) {
    StateRun run = f.run != null ? f.run : f.closedRun;
    if (!dataLimit && f.state instanceof ParallelState && run instanceof ParallelRun p) {
      if (unfinished(p.branches) > 0) {
        resumeParallel(f, p, dataLimit);
        return;
      }
    }
    if (!dataLimit && f.state instanceof MapState s && run instanceof MapRun m) {
      if (succeeded(m) < m.items.size()) {
        resumeMap(f, s, m);
        return;
      }
    }
    interpreter.rerun(f);
  }

  private void resumeParallel(Frame f, ParallelRun run, boolean dataLimit) {
    f.run = run;
    f.closedRun = null;
    f.retryCount = 0;
    run.failed = false;
    run.retry = RetryCounters.NONE;
    run.remaining = unfinished(run.branches);
    for (Frame branch : run.branches) {
      if (branch.phase != Frame.Phase.SUCCEEDED) {
        resume(branch, dataLimit, f.lastEventId);
      }
    }
  }

  /** The iterations that had not succeeded run again (within MaxConcurrency), then the rest. */
  private void resumeMap(Frame f, MapState s, MapRun run) {
    f.run = run;
    f.closedRun = null;
    f.retryCount = 0;
    run.failed = false;
    run.retry = RetryCounters.NONE;
    run.active = 0;
    run.failures = 0;
    run.completed = 0;
    run.redo.clear();
    for (int i = 0; i < run.next; i++) {
      Frame it = run.frames[i];
      run.running[i] = null;
      if (it != null && it.phase == Frame.Phase.SUCCEEDED) {
        run.completed++;
      } else {
        run.redo.addLast(i);
      }
    }
    if (s.mode() == MapState.ProcessorMode.DISTRIBUTED && run.mapRunArn != null) {
      int redrives = ++run.mapRunRedrives;
      String arn = run.mapRunArn;
      interpreter.appendEvent(
          f,
          EventType.MapRunRedriven,
          () -> {
            ObjectNode d = Json.NODES.objectNode();
            d.put("mapRunArn", arn);
            d.put("redriveCount", redrives);
            return d;
          });
    }
    interpreter.fillIterationsLater(f, s, run);
  }

  /** Called as MaxConcurrency allows: iteration {@code index} runs again from where it stood. */
  void resumeIteration(Frame f, MapState s, MapRun run, int index) {
    Frame it = run.frames[index];
    long started =
        s.mode() == MapState.ProcessorMode.DISTRIBUTED
            ? f.lastEventId
            : interpreter.appendEvent(
                f,
                EventType.MapIterationStarted,
                () -> EventDetails.iterationDetails(s.name(), index));
    run.running[index] = it;
    run.active++;
    resume(it, false, started);
  }

  private static int succeeded(MapRun run) {
    int n = 0;
    for (int i = 0; i < run.next; i++) {
      if (run.frames[i] != null && run.frames[i].phase == Frame.Phase.SUCCEEDED) {
        n++;
      }
    }
    return n;
  }

  private static int unfinished(Frame[] frames) {
    int n = 0;
    for (Frame b : frames) {
      if (b.phase != Frame.Phase.SUCCEEDED) {
        n++;
      }
    }
    return n;
  }
}
