package dev.stepwise.engine.service;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An alias ({@code <stateMachineArn>:<name>}) that starts executions on one version, or on one of
 * two by weight.
 */
public record StateMachineAlias(
    String arn,
    String stateMachineArn,
    String name,
    @Nullable String description,
    List<Route> routing,
    Instant creationDate,
    Instant updateDate) {

  public StateMachineAlias {
    routing = List.copyOf(routing);
  }

  /** One entry of the routing configuration: a version and its share (0–100) of executions. */
  public record Route(String stateMachineVersionArn, int weight) {}
}
