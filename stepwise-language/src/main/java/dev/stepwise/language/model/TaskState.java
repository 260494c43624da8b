package dev.stepwise.language.model;

import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.path.ReferencePath;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code Task}.
 *
 * @param resource the {@code Resource} ARN as written
 * @param parameters JSONPath {@code Parameters} or JSONata {@code Arguments}, or null
 * @param resultSelector JSONPath {@code ResultSelector}, or null
 * @param timeoutSeconds {@code TimeoutSeconds}/{@code TimeoutSecondsPath}, or null (AWS: 99999999)
 * @param heartbeatSeconds {@code HeartbeatSeconds}/{@code HeartbeatSecondsPath}, or null
 * @param credentials {@code Credentials} template, or null
 */
public record TaskState(
    String name,
    @Nullable String comment,
    QueryLanguage queryLanguage,
    Io io,
    Transition transition,
    String resource,
    @Nullable Expression parameters,
    @Nullable Expression resultSelector,
    Optional<ReferencePath> resultPath,
    @Nullable ValueSource timeoutSeconds,
    @Nullable ValueSource heartbeatSeconds,
    @Nullable Expression credentials,
    List<Retrier> retry,
    List<Catcher> catchers)
    implements State {
  public TaskState {
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public String type() {
    return "Task";
  }
}
