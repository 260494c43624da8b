package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Everything fixed when an execution starts.
 *
 * @param recordHistory whether events are kept (always for STANDARD; EXPRESS executions have no API
 *     history on AWS, so only on request, e.g. {@code run --history})
 */
public record ExecutionSpec(
    String executionArn,
    String name,
    String stateMachineArn,
    String stateMachineName,
    StateMachine machine,
    MachineType type,
    JsonNode input,
    String roleArn,
    Instant startTime,
    @Nullable String stateMachineVersionArn,
    @Nullable String stateMachineAliasArn,
    boolean recordHistory) {}
