package dev.stepwise.language.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS's graph rules per workflow: dangling targets, a reachable terminal state, unreachable states
 * (only checked when a terminal state is reachable, as AWS does).
 */
final class GraphCheck {
  private final Diagnostics diagnostics;

  GraphCheck(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void check(Node top, List<StateParser.ParsedWorkflow> workflows) {
    for (StateParser.ParsedWorkflow w : workflows) {
      check(w);
    }
  }

  private void check(StateParser.ParsedWorkflow w) {
    Map<String, List<StateParser.Target>> targets = w.targets();
    String startAt = w.node().json().path("StartAt").asText(null);
    if (startAt == null) {
      return;
    }
    if (!targets.containsKey(startAt)) {
      diagnostics.graph(
          Diagnostics.MISSING_TARGET, "Missing 'Next' target: " + startAt, w.node().at("StartAt"));
      return;
    }
    boolean dangling = false;
    for (List<StateParser.Target> out : targets.values()) {
      for (StateParser.Target t : out) {
        if (!targets.containsKey(t.state())) {
          diagnostics.graph(
              Diagnostics.MISSING_TARGET, "Missing 'Next' target: " + t.state(), t.location());
          dangling = true;
        }
      }
    }
    Set<String> reachable = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(startAt);
    while (!queue.isEmpty()) {
      String s = queue.poll();
      if (!reachable.add(s) || !targets.containsKey(s)) {
        continue;
      }
      targets.get(s).forEach(t -> queue.add(t.state()));
    }
    // AWS: with dangling targets it reports unreachable states; otherwise a workflow without a
    // reachable terminal state gets MISSING_END_STATE alone.
    boolean terminal = reachable.stream().anyMatch(w.terminals()::contains);
    if (!dangling && !terminal) {
      diagnostics.graph(Diagnostics.MISSING_END, "Workflow has no terminal state", null);
      return;
    }
    for (String s : targets.keySet()) {
      if (!reachable.contains(s)) {
        diagnostics.graph(
            Diagnostics.MISSING_TARGET,
            "State \"" + s + "\" is not reachable.",
            w.node().at("States") + "/" + s);
      }
    }
  }
}
