package dev.stepwise.engine.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event of an execution's history, as GetExecutionHistory returns it.
 *
 * @param details the members of the type's details object (AWS field names), or null
 */
public record HistoryEvent(
    long id,
    long previousEventId,
    Instant timestamp,
    EventType type,
    @Nullable ObjectNode details) {}
