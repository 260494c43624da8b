package dev.stepwise.console.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.Catcher;
import dev.stepwise.language.model.ChoiceState;
import dev.stepwise.language.model.FailState;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import dev.stepwise.language.model.PassState;
import dev.stepwise.language.model.Retrier;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.model.SucceedState;
import dev.stepwise.language.model.TaskState;
import dev.stepwise.language.model.Transition;
import dev.stepwise.language.model.WaitState;
import dev.stepwise.language.model.Workflow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The graph the console draws, built from the engine's own parsed model (so the picture can never
 * disagree with what runs): one scope per {@code States} block (the top level, each Parallel
 * branch, each Map item processor) with its states in definition order and its edges, Choice rules
 * in rule order then {@code Default}, then {@code Catch} edges labelled with their errors.
 * Transitions never leave a scope, so the browser lays each scope out on its own and nests it in
 * its container.
 *
 * <p>Each state says whether its scope's {@code StartAt} reaches it and whether only through a
 * {@code Catch}: a renderer that followed {@code Next} alone called such states unreachable.
 */
public final class StateGraph {
  private static final String NESTED_PREFIX = "arn:aws:states:::states:startExecution";

  private StateGraph() {}

  public static ObjectNode of(StateMachine machine) {
    ObjectNode graph = scope("", machine.workflow());
    graph.put("queryLanguage", machine.queryLanguage().name());
    if (machine.comment() != null) {
      graph.put("comment", machine.comment());
    }
    if (machine.timeoutSeconds() != null) {
      graph.put("timeoutSeconds", machine.timeoutSeconds());
    }
    return graph;
  }

  private static ObjectNode scope(String id, Workflow workflow) {
    ObjectNode scope = Json.NODES.objectNode();
    scope.put("id", id);
    scope.put("startAt", workflow.startAt());
    Set<String> normal = reach(workflow, false);
    Set<String> any = reach(workflow, true);
    ArrayNode states = scope.putArray("states");
    ArrayNode edges = scope.putArray("edges");
    for (State state : workflow.states().values()) {
      ObjectNode node = states.addObject();
      node.put("name", state.name());
      node.put("type", state.type());
      if (state.comment() != null) {
        node.put("comment", state.comment());
      }
      node.put("reachable", any.contains(state.name()));
      node.put("onlyByCatch", any.contains(state.name()) && !normal.contains(state.name()));
      describe(state, node);
      edges(state, edges);
    }
    return scope;
  }

  private static void describe(State state, ObjectNode node) {
    switch (state) {
      case TaskState t -> {
        node.put("resource", t.resource());
        if (t.resource().startsWith(NESTED_PREFIX)) {
          // startExecution, .sync, .sync:2 or .waitForTaskToken: the part after "states:".
          node.put("nested", t.resource().substring("arn:aws:states:::states:".length()));
        }
        retries(t.retry(), node);
        node.put("end", t.transition() instanceof Transition.End);
      }
      case ParallelState p -> {
        ArrayNode branches = node.putArray("branches");
        for (int i = 0; i < p.branches().size(); i++) {
          branches.add(scope(p.name() + "#" + i, p.branches().get(i)));
        }
        retries(p.retry(), node);
        node.put("end", p.transition() instanceof Transition.End);
      }
      case MapState m -> {
        node.set("processor", scope(m.name() + "#processor", m.itemProcessor()));
        node.put("distributed", m.mode() == MapState.ProcessorMode.DISTRIBUTED);
        if (m.label() != null) {
          node.put("label", m.label());
        }
        retries(m.retry(), node);
        node.put("end", m.transition() instanceof Transition.End);
      }
      case PassState p -> node.put("end", p.transition() instanceof Transition.End);
      case WaitState w -> node.put("end", w.transition() instanceof Transition.End);
      case ChoiceState c -> node.put("end", false);
      case SucceedState s -> node.put("end", true);
      case FailState f -> node.put("end", true);
    }
  }

  private static void retries(List<Retrier> retry, ObjectNode node) {
    if (retry.isEmpty()) {
      return;
    }
    ArrayNode out = node.putArray("retry");
    for (Retrier r : retry) {
      ObjectNode o = out.addObject();
      ArrayNode errors = o.putArray("errorEquals");
      r.errorEquals().forEach(errors::add);
      o.put("maxAttempts", r.maxAttempts());
      o.put("intervalSeconds", r.intervalSeconds());
      o.put("backoffRate", r.backoffRate());
    }
  }

  private static void edges(State state, ArrayNode edges) {
    switch (state) {
      case ChoiceState c -> {
        for (int i = 0; i < c.choices().size(); i++) {
          String full = ConditionLabels.full(c.choices().get(i).condition());
          ObjectNode e = edge(edges, c.name(), c.choices().get(i).next(), "choice");
          e.put("order", i + 1);
          e.put("label", ConditionLabels.cut(full));
          e.put("title", "Rule " + (i + 1) + ": " + full);
        }
        if (c.defaultNext() != null) {
          edge(edges, c.name(), c.defaultNext(), "default").put("label", "Default");
        }
      }
      default -> {
        if (next(state) instanceof Transition.Next n) {
          edge(edges, state.name(), n.state(), "next");
        }
        for (Catcher catcher : catchers(state)) {
          String errors = String.join(", ", catcher.errorEquals());
          ObjectNode e = edge(edges, state.name(), catcher.next(), "catch");
          e.put("label", ConditionLabels.cut(errors));
          e.put("title", "Catch: " + errors);
        }
      }
    }
  }

  private static ObjectNode edge(ArrayNode edges, String from, String to, String kind) {
    ObjectNode e = edges.addObject();
    e.put("from", from);
    e.put("to", to);
    e.put("kind", kind);
    return e;
  }

  private static Transition next(State state) {
    return switch (state) {
      case TaskState t -> t.transition();
      case ParallelState p -> p.transition();
      case MapState m -> m.transition();
      case PassState p -> p.transition();
      case WaitState w -> w.transition();
      case ChoiceState c -> Transition.END;
      case SucceedState s -> Transition.END;
      case FailState f -> Transition.END;
    };
  }

  private static List<Catcher> catchers(State state) {
    return switch (state) {
      case TaskState t -> t.catchers();
      case ParallelState p -> p.catchers();
      case MapState m -> m.catchers();
      default -> List.of();
    };
  }

  /** The states {@code StartAt} reaches, through {@code Catch} edges too or not. */
  private static Set<String> reach(Workflow workflow, boolean throughCatch) {
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(workflow.startAt()));
    while (!queue.isEmpty()) {
      String name = queue.poll();
      State state = workflow.states().get(name);
      if (state == null || !seen.add(name)) {
        continue;
      }
      if (state instanceof ChoiceState c) {
        c.choices().forEach(r -> queue.add(r.next()));
        if (c.defaultNext() != null) {
          queue.add(c.defaultNext());
        }
      } else if (next(state) instanceof Transition.Next n) {
        queue.add(n.state());
      }
      if (throughCatch) {
        catchers(state).forEach(k -> queue.add(k.next()));
      }
    }
    return seen;
  }
}
