package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The corpus README's comparison of an execution case: status, output, error, cause, history. */
final class Expectations {
  private Expectations() {}

  /** Keys in results recorded after November 2023, tolerated in an older recording's place. */
  private static final Set<String> LATER_KEYS =
      Set.of("RedriveCount", "RedriveStatus", "RedriveStatusReason");

  /** Every difference between what AWS recorded and the outcome; empty when the case passes. */
  static List<String> compare(JsonNode expected, Outcome actual, Set<String> wildcards) {
    Matching matching = Matching.forExecutions(wildcards, LATER_KEYS::contains);
    List<String> problems = new ArrayList<>();
    String status = expected.path("status").asText();
    if (!status.equals(actual.status())) {
      problems.add("status: expected " + status + " but was " + actual.status());
    }
    if (expected.has("output")) {
      if (actual.output() == null) {
        problems.add("output: expected " + Json.write(expected.get("output")) + " but none");
      } else {
        JsonNode out = Matching.parseOrText(actual.output());
        String diff = matching.diff("$", expected.get("output"), out);
        if (diff != null) {
          problems.add("output " + diff + "; actual " + Matching.abbreviate(actual.output()));
        }
      }
    }
    if (!"SUCCEEDED".equals(status)) {
      compareText(matching, "error", expected.get("error"), actual.error(), problems);
      compareText(matching, "cause", expected.get("cause"), actual.cause(), problems);
    }
    if (expected.has("history_event_types")) {
      List<String> want = new ArrayList<>();
      expected.get("history_event_types").forEach(t -> want.add(t.asText()));
      if (!canonical(want).equals(canonical(actual.historyEventTypes()))) {
        problems.add("history: expected " + want + " but was " + actual.historyEventTypes());
      }
    }
    return problems;
  }

  private static void compareText(
      Matching matching,
      String field,
      @Nullable JsonNode expected,
      @Nullable String actual,
      List<String> problems) {
    if (expected == null) {
      if (actual != null) {
        problems.add(field + ": expected none but was " + Matching.abbreviate(actual));
      }
      return;
    }
    if (actual == null) {
      problems.add(field + ": expected " + Matching.abbreviate(expected.asText()) + " but none");
      return;
    }
    String diff = matching.diff("$", expected, Matching.parseOrText(actual));
    if (diff != null) {
      problems.add(field + " " + diff);
    }
  }

  /**
   * The history with each window between a {@code ParallelStateStarted}/{@code MapStateStarted} and
   * its closing event as a sorted multiset: branches and iterations interleave freely.
   */
  static List<Object> canonical(List<String> types) {
    List<Object> out = new ArrayList<>();
    int depth = 0;
    List<String> window = new ArrayList<>();
    for (String t : types) {
      boolean opens = t.equals("ParallelStateStarted") || t.equals("MapStateStarted");
      boolean closes = t.matches("(Parallel|Map)State(Succeeded|Failed|Aborted)");
      if (depth == 0 && !opens) {
        out.add(t);
        continue;
      }
      window.add(t);
      if (opens) {
        depth++;
      } else if (closes) {
        depth--;
      }
      if (depth == 0) {
        window.sort(null);
        out.add(List.copyOf(window));
        window.clear();
      }
    }
    if (!window.isEmpty()) {
      window.sort(null);
      out.add(List.copyOf(window));
    }
    return out;
  }
}
