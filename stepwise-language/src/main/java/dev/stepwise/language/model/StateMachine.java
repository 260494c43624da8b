package dev.stepwise.language.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A parsed and validated state machine definition.
 *
 * @param workflow the top-level {@code StartAt}/{@code States}
 * @param timeoutSeconds the execution's {@code TimeoutSeconds}, or null
 * @param definition the definition document as given, for DescribeStateMachine and the context
 */
public record StateMachine(
    Workflow workflow,
    @Nullable String comment,
    @Nullable String version,
    @Nullable Long timeoutSeconds,
    QueryLanguage queryLanguage,
    JsonNode definition) {}
