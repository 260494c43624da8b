package dev.stepwise.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a Task state, handed to the integration that serves its resource.
 *
 * @param taskId unique within the execution; completions name it
 * @param taskToken the token of a callback ({@code .waitForTaskToken}) or activity task, else null
 * @param parameters the effective parameters (JSONPath) or arguments (JSONata)
 */
public record TaskRequest(
    String executionArn,
    long taskId,
    String stateName,
    Resource resource,
    JsonNode parameters,
    @Nullable String taskToken,
    @Nullable Long timeoutSeconds,
    @Nullable Long heartbeatSeconds,
    @Nullable JsonNode credentials) {}
