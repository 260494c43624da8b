package dev.stepwise.engine.service;

import dev.stepwise.engine.service.StepFunctionsService.StateMachineRecord;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A published, immutable version of a state machine ({@code <stateMachineArn>:<number>}).
 *
 * @param machine the state machine as it was published (its ARN is the unqualified one)
 */
public record StateMachineVersion(
    String arn,
    long number,
    StateMachineRecord machine,
    @Nullable String description,
    Instant creationDate) {}
