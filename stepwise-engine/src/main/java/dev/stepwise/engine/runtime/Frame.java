package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.Workflow;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One running {@code States} scope: the top level, a Parallel branch or a Map iteration. It is in
 * exactly one state at a time; {@link #run} holds the progress of a state that waits (task, timer,
 * children).
 */
final class Frame {
  final long id;
  final @Nullable Frame parent;
  final Workflow workflow;
  final VariableScope variables;

  /** Branch or iteration index within the parent state; 0 for the top level. */
  final int index;

  /** The id of this frame's latest event: the next event's {@code previousEventId}. */
  long lastEventId;

  State state;
  JsonNode input;
  long enteredEventId;
  Instant enteredTime;
  int retryCount;
  @Nullable StateRun run;
  @Nullable Scope scope;
  boolean ended;

  /** Events of silent frames are not recorded: Distributed Map iterations (child executions). */
  boolean silent;

  /** Where the frame stands, so a redrive knows what to run again ({@link Redriver}). */
  enum Phase {
    /** Created; its first state not entered yet ({@link #input} is what it starts with). */
    NOT_STARTED,
    /** In {@link #state}: entered, not exited. */
    IN_STATE,
    /** Exited {@link #state}; {@link #pendingNext} is entered next with {@link #pendingInput}. */
    BETWEEN,
    SUCCEEDED
  }

  Phase phase = Phase.NOT_STARTED;
  @Nullable String pendingNext;
  @Nullable JsonNode pendingInput;

  /** The run a failed or aborted state left, which {@link #run} no longer holds. */
  @Nullable StateRun closedRun;

  Frame(
      long id,
      @Nullable Frame parent,
      Workflow workflow,
      VariableScope variables,
      int index,
      long lastEventId) {
    this.id = id;
    this.parent = parent;
    this.workflow = workflow;
    this.variables = variables;
    this.index = index;
    this.lastEventId = lastEventId;
    this.state = workflow.start();
    this.input = com.fasterxml.jackson.databind.node.NullNode.getInstance();
    this.enteredTime = Instant.EPOCH;
  }
}
