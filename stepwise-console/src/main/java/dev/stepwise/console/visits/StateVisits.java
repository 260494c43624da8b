package dev.stepwise.console.visits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.model.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The state visits of an execution, derived from its history alone, as AWS's console derives its
 * table view: one visit per {@code ...StateEntered} event, placed in its Parallel branch or Map
 * iteration by following {@code previousEventId}, which chains the events of one branch or
 * iteration (each branch's first event points at {@code ParallelStateStarted}, each iteration's at
 * its {@code MapIterationStarted}). A visit that failed and then exited went on through a Catch
 * ({@link VisitStatus#CAUGHT_ERROR}); one still open when the execution closed was aborted, or
 * failed if its last attempt had failed.
 */
public final class StateVisits {
  private static final String NESTED = "startExecution";

  /**
   * @param visits in the order they were entered
   * @param ownerOfEvent for each event id (index), the id of the visit that wrote it, or 0
   */
  public record Projection(List<Visit> visits, long[] ownerOfEvent) {
    public @Nullable Visit visit(long id) {
      for (Visit v : visits) {
        if (v.id() == id) {
          return v;
        }
      }
      return null;
    }
  }

  private final Map<String, Integer> branchOf = new HashMap<>();
  private final Frame root = new Frame(null, null, null);
  private final List<Open> opened = new ArrayList<>();
  private final Map<Long, Open> byId = new HashMap<>();
  private Frame[] frameOf = new Frame[0];
  private long[] owner = new long[0];
  private EventType[] typeOf = new EventType[0];

  private StateVisits(StateMachine machine) {
    index(machine.workflow());
  }

  public static Projection of(List<HistoryEvent> history, StateMachine machine) {
    StateVisits p = new StateVisits(machine);
    p.frameOf = new Frame[history.size() + 2];
    p.owner = new long[history.size() + 2];
    p.typeOf = new EventType[history.size() + 2];
    for (HistoryEvent e : history) {
      p.apply(e);
    }
    List<Visit> visits = new ArrayList<>(p.opened.size());
    for (Open o : p.opened) {
      visits.add(o.visit());
    }
    return new Projection(List.copyOf(visits), p.owner);
  }

  /** Which branch of its Parallel each state belongs to: names are unique machine-wide. */
  private void index(Workflow workflow) {
    for (State s : workflow.states().values()) {
      if (s instanceof ParallelState p) {
        for (int i = 0; i < p.branches().size(); i++) {
          for (String name : p.branches().get(i).states().keySet()) {
            branchOf.put(name, i);
          }
          index(p.branches().get(i));
        }
      } else if (s instanceof MapState m) {
        index(m.itemProcessor());
      }
    }
  }

  private void apply(HistoryEvent e) {
    int id = (int) e.id();
    if (id <= 0 || id >= frameOf.length) {
      return; // ids run 1..n; anything else is not a history this engine wrote
    }
    long prev = e.previousEventId();
    Frame pf = prev > 0 && prev < id && frameOf[(int) prev] != null ? frameOf[(int) prev] : root;
    String type = e.type().name();
    ObjectNode d = e.details();
    Instant at = e.timestamp();
    frameOf[id] = pf;
    typeOf[id] = e.type();
    if (e.type() == EventType.ExecutionStarted || e.type() == EventType.ExecutionRedriven) {
      frameOf[id] = root;
      return;
    }
    if (e.type().closesExecution()) {
      frameOf[id] = root;
      for (Open o : opened) {
        o.closeIfOpen(at);
      }
      return;
    }
    if (type.endsWith("StateEntered")) {
      entered(e, pf, type.substring(0, type.length() - "StateEntered".length()), text(d, "name"));
      return;
    }
    if (type.endsWith("StateExited")) {
      Open v = find(pf, o -> o.state.equals(text(d, "name")));
      if (v != null) {
        own(v, id);
        frameOf[id] = v.frame;
        v.close(v.failed ? VisitStatus.CAUGHT_ERROR : VisitStatus.SUCCEEDED, at);
      }
      return;
    }
    if (type.startsWith("MapIteration")) {
      iteration(e, pf, d);
      return;
    }
    String kind = kind(type);
    Open v =
        kind == null
            ? find(pf, o -> true)
            : find(
                pf,
                o ->
                    o.type.equals(kind)
                        && (!type.equals("ParallelStateFailed") && !type.equals("MapStateFailed")
                            || o.attemptOpen()));
    if (v == null) {
      return;
    }
    own(v, id);
    frameOf[id] = v.frame;
    switch (type) {
      case "TaskScheduled" -> {
        v.resource = text(d, "resourceType") + ":" + text(d, "resource");
        v.attempt(at);
      }
      case "LambdaFunctionScheduled", "ActivityScheduled" -> {
        v.resource = text(d, "resource");
        v.attempt(at);
      }
      case "ParallelStateStarted", "MapStateStarted" -> v.attempt(at);
      case "TaskSubmitted", "TaskSucceeded" -> {
        childArn(v, d);
        if (type.equals("TaskSucceeded")) {
          v.endAttempt(at, null, null);
        }
      }
      case "LambdaFunctionSucceeded",
          "ActivitySucceeded",
          "ParallelStateSucceeded",
          "MapStateSucceeded" ->
          v.endAttempt(at, null, null);
      case "ParallelStateFailed", "MapStateFailed" -> {
        Open failed = v.closeDescendants(opened, at);
        v.failed = true;
        v.endAttempt(
            at, failed == null ? null : failed.error, failed == null ? null : failed.cause);
      }
      case "TaskStateAborted", "WaitStateAborted", "ParallelStateAborted", "MapStateAborted" -> {
        v.closeDescendants(opened, at);
        v.close(VisitStatus.ABORTED, at);
      }
      default -> {
        if (type.endsWith("Failed") || type.endsWith("TimedOut")) {
          v.failed = true;
          String error = text(d, "error");
          v.endAttempt(
              at,
              error == null && type.endsWith("TimedOut") ? "States.Timeout" : error,
              text(d, "cause"));
        }
      }
    }
  }

  private void entered(HistoryEvent e, Frame pf, String stateType, String name) {
    int id = (int) e.id();
    Frame f = pf;
    long prev = e.previousEventId();
    Open prevOwner =
        prev > 0 && prev < id && typeOf[(int) prev] == EventType.ParallelStateStarted
            ? byId.get(owner[(int) prev])
            : null;
    if (prevOwner != null) {
      int branch = branchOf.getOrDefault(name, prevOwner.branches.size());
      f = prevOwner.branches.computeIfAbsent(branch, b -> new Frame(prevOwner, b, null));
    }
    Open v = new Open(e.id(), f, name, stateType, e.timestamp());
    opened.add(v);
    byId.put(v.id, v);
    f.current = v;
    frameOf[id] = f;
    own(v, id);
    if (stateType.equals("Fail")) {
      v.failed = true;
      v.close(VisitStatus.FAILED, e.timestamp());
    }
  }

  private void iteration(HistoryEvent e, Frame pf, @Nullable ObjectNode d) {
    int id = (int) e.id();
    String name = text(d, "name");
    Open map = find(pf, o -> o.state.equals(name) && o.type.equals("Map"));
    if (map == null || d == null) {
      return;
    }
    int index = d.path("index").asInt();
    own(map, id);
    Frame f;
    if (e.type() == EventType.MapIterationStarted) {
      f = new Frame(map, null, index);
      map.iterationFrames.put(index, f);
      map.iterations.put(index, new Iter(index, e.timestamp()));
    } else {
      f = map.iterationFrames.getOrDefault(index, pf);
      Iter it = map.iterations.get(index);
      VisitStatus status =
          switch (e.type()) {
            case MapIterationSucceeded -> VisitStatus.SUCCEEDED;
            case MapIterationFailed -> VisitStatus.FAILED;
            default -> VisitStatus.ABORTED;
          };
      if (it != null) {
        it.status = status;
        it.end = e.timestamp();
      }
      if (status != VisitStatus.SUCCEEDED) {
        for (Open o : opened) {
          if (o.frame == f) {
            o.closeIfOpen(e.timestamp());
          }
        }
      }
    }
    frameOf[id] = f;
  }

  private void own(Open v, int eventId) {
    owner[eventId] = v.id;
    v.events.add((long) eventId);
  }

  /** The open visit nearest the frame an event follows, looking out through its containers. */
  private static @Nullable Open find(Frame from, java.util.function.Predicate<Open> which) {
    Frame f = from;
    while (f != null) {
      if (f.current != null && !f.current.closed && which.test(f.current)) {
        return f.current;
      }
      if (f.container == null) {
        return null;
      }
      if (!f.container.closed && which.test(f.container)) {
        return f.container;
      }
      f = f.container.frame;
    }
    return null;
  }

  /** Which state type writes events of this type, or null when any open one may. */
  private static @Nullable String kind(String type) {
    if (type.startsWith("Task") || type.startsWith("Lambda") || type.startsWith("Activity")) {
      return "Task";
    }
    if (type.startsWith("Parallel")) {
      return "Parallel";
    }
    if (type.startsWith("Map")) {
      return "Map";
    }
    if (type.startsWith("Wait")) {
      return "Wait";
    }
    return null;
  }

  private static void childArn(Open v, @Nullable ObjectNode d) {
    if (v.resource == null || !v.resource.contains(NESTED) || d == null) {
      return;
    }
    try {
      JsonNode output = Json.parse(d.path("output").asText("{}"));
      if (output.path("ExecutionArn").isTextual()) {
        v.child = output.path("ExecutionArn").asText();
      }
    } catch (JsonProcessingException e) {
      // not the shape startExecution answers: no child link
    }
  }

  private static @Nullable String text(@Nullable ObjectNode d, String field) {
    return d != null && d.path(field).isTextual() ? d.path(field).asText() : null;
  }

  /** The events of one branch or iteration (or the top level), and which visit is current there. */
  private static final class Frame {
    final @Nullable Open container;
    final @Nullable Integer branch;
    final @Nullable Integer iteration;
    @Nullable Open current;

    Frame(@Nullable Open container, @Nullable Integer branch, @Nullable Integer iteration) {
      this.container = container;
      this.branch = branch;
      this.iteration = iteration;
    }
  }

  private static final class Iter {
    final int index;
    final Instant start;
    VisitStatus status = VisitStatus.IN_PROGRESS;
    @Nullable Instant end;

    Iter(int index, Instant start) {
      this.index = index;
      this.start = start;
    }
  }

  /** A visit while the history is read. */
  private static final class Open {
    final long id;
    final Frame frame;
    final String state;
    final String type;
    final Instant start;
    final List<Visit.Attempt> attempts = new ArrayList<>();
    final List<Long> events = new ArrayList<>();
    final Map<Integer, Frame> branches = new TreeMap<>();
    final Map<Integer, Frame> iterationFrames = new HashMap<>();
    final TreeMap<Integer, Iter> iterations = new TreeMap<>();
    VisitStatus status = VisitStatus.IN_PROGRESS;
    @Nullable Instant end;
    @Nullable Instant attemptStart;
    @Nullable String error;
    @Nullable String cause;
    @Nullable String resource;
    @Nullable String child;
    boolean failed;
    boolean closed;

    Open(long id, Frame frame, String state, String type, Instant start) {
      this.id = id;
      this.frame = frame;
      this.state = state;
      this.type = type;
      this.start = start;
    }

    boolean attemptOpen() {
      return attemptStart != null;
    }

    void attempt(Instant at) {
      attemptStart = at;
      failed = false;
    }

    void endAttempt(Instant at, @Nullable String error, @Nullable String cause) {
      attempts.add(new Visit.Attempt(attemptStart != null ? attemptStart : at, at, error, cause));
      attemptStart = null;
      if (error != null) {
        this.error = error;
        this.cause = cause;
      }
    }

    void close(VisitStatus status, Instant at) {
      if (attemptStart != null) {
        attempts.add(new Visit.Attempt(attemptStart, at, null, null));
        attemptStart = null;
      }
      this.status = status;
      this.end = at;
      this.closed = true;
      for (Iter it : iterations.values()) {
        if (it.end == null) {
          it.status = VisitStatus.ABORTED;
          it.end = at;
        }
      }
    }

    void closeIfOpen(Instant at) {
      if (!closed) {
        close(failed ? VisitStatus.FAILED : VisitStatus.ABORTED, at);
      }
    }

    /** Closes every open visit inside this one; the failed one among them, if any. */
    @Nullable Open closeDescendants(List<Open> all, Instant at) {
      Open failedOne = null;
      for (Open o : all) {
        if (!o.closed && o != this && inside(o)) {
          o.closeIfOpen(at);
          if (o.failed && failedOne == null) {
            failedOne = o;
          }
        } else if (o.failed && o != this && inside(o) && o.error != null && failedOne == null) {
          failedOne = o;
        }
      }
      return failedOne;
    }

    private boolean inside(Open o) {
      for (Open c = o.frame.container; c != null; c = c.frame.container) {
        if (c == this) {
          return true;
        }
      }
      return false;
    }

    Visit visit() {
      List<Visit.Iteration> its = new ArrayList<>(iterations.size());
      for (Iter it : iterations.values()) {
        its.add(new Visit.Iteration(it.index, it.status, it.start, it.end));
      }
      List<Visit.Attempt> all = new ArrayList<>(attempts);
      if (attemptStart != null) {
        all.add(new Visit.Attempt(attemptStart, null, null, null));
      }
      return new Visit(
          id,
          frame.container == null ? null : frame.container.id,
          frame.branch,
          frame.iteration,
          state,
          type,
          status,
          start,
          end,
          List.copyOf(all),
          error,
          cause,
          resource,
          child,
          List.copyOf(its),
          List.copyOf(events));
    }
  }
}
