package dev.stepwise.engine.store;

import dev.stepwise.engine.runtime.Step;
import dev.stepwise.engine.runtime.Trigger;
import java.time.Instant;

/**
 * One step to persist atomically: the trigger that caused it (the journal a restart replays), the
 * events it appended and the execution's state after it.
 *
 * @param sequence the trigger's position in the execution's journal, from 0 (the Start)
 */
public record StepRecord(
    ExecutionRecord execution, long sequence, Trigger trigger, Instant at, Step step) {}
