package dev.stepwise.console.visits;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry into a state, from its {@code ...StateEntered} event to its exit, failure or abort.
 *
 * @param id the id of the entered event, which names the visit
 * @param parent the visit of the Parallel or Map it runs in, or null at the top level
 * @param branch the Parallel branch index, or null
 * @param iteration the Map iteration index, or null
 * @param end null while the visit is open
 * @param attempts the task's (or the Parallel's or Map's) runs, several when retried
 * @param childExecutionArn the execution a {@code states:startExecution*} task started, or null
 * @param iterations a Map's iterations, in index order
 * @param events the ids of the events this visit's own state wrote (not those of its children)
 */
public record Visit(
    long id,
    @Nullable Long parent,
    @Nullable Integer branch,
    @Nullable Integer iteration,
    String state,
    String type,
    VisitStatus status,
    Instant start,
    @Nullable Instant end,
    List<Attempt> attempts,
    @Nullable String error,
    @Nullable String cause,
    @Nullable String resource,
    @Nullable String childExecutionArn,
    List<Iteration> iterations,
    List<Long> events) {

  /** One run of a task, or of a Parallel's branches or a Map's iterations. */
  public record Attempt(
      Instant start, @Nullable Instant end, @Nullable String error, @Nullable String cause) {}

  /** One Map iteration: its index and how it ended (null end while it runs). */
  public record Iteration(int index, VisitStatus status, Instant start, @Nullable Instant end) {}
}
