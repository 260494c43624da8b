package dev.stepwise.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.Io;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import dev.stepwise.language.model.PassState;
import dev.stepwise.language.model.QueryLanguage;
import dev.stepwise.language.model.Retrier;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.model.TaskState;
import dev.stepwise.language.model.Transition;
import dev.stepwise.language.model.ValueSource;
import dev.stepwise.language.model.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Definitions built as models, the way the parser builds them. Paths are {@code $}, and results are
 * dropped ({@code "ResultPath": null}), so tests read results from the history.
 */
public final class Models {
  /** The path {@code $}, which the engine applies without evaluating. */
  public static final Expression ROOT =
      new Expression() {
        @Override
        public JsonNode evaluate(JsonNode input, Scope scope) {
          return input;
        }

        @Override
        public String source() {
          return "$";
        }
      };

  private static final Io IO = new Io(Optional.of(ROOT), Optional.of(ROOT), null, null);

  private Models() {}

  public static Transition next(String state) {
    return new Transition.Next(state);
  }

  public static Transition end() {
    return Transition.END;
  }

  public static Retrier retry(long interval, long maxAttempts, double backoffRate) {
    return new Retrier(
        List.of("States.ALL"),
        interval,
        maxAttempts,
        backoffRate,
        null,
        Retrier.JitterStrategy.NONE);
  }

  public static TaskState task(
      String name, String resource, Transition transition, Retrier... retry) {
    return new TaskState(
        name,
        null,
        QueryLanguage.JSONPATH,
        IO,
        transition,
        resource,
        null,
        null,
        Optional.empty(),
        null,
        null,
        null,
        List.of(retry),
        List.of());
  }

  public static PassState pass(String name, Transition transition) {
    return new PassState(
        name, null, QueryLanguage.JSONPATH, IO, transition, null, null, Optional.empty());
  }

  public static ParallelState parallel(String name, Transition transition, Workflow... branches) {
    return new ParallelState(
        name,
        null,
        QueryLanguage.JSONPATH,
        IO,
        transition,
        List.of(branches),
        null,
        null,
        Optional.empty(),
        List.of(),
        List.of());
  }

  /** An inline Map over its input array, one item at a time. */
  public static MapState map(String name, Transition transition, Workflow processor) {
    return new MapState(
        name,
        null,
        QueryLanguage.JSONPATH,
        IO,
        transition,
        processor,
        MapState.ProcessorMode.INLINE,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new ValueSource.Literal("MaxConcurrency", Json.NODES.numberNode(1)),
        null,
        null,
        null,
        null,
        Optional.empty(),
        List.of(),
        List.of());
  }

  /** The states in order; the first is {@code StartAt}. */
  public static Workflow workflow(State... states) {
    Map<String, State> byName = new LinkedHashMap<>();
    for (State state : states) {
      byName.put(state.name(), state);
    }
    return new Workflow(states[0].name(), byName, null);
  }

  public static StateMachine machine(State... states) {
    return new StateMachine(
        workflow(states), null, null, null, QueryLanguage.JSONPATH, Json.NODES.objectNode());
  }
}
