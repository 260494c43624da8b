package dev.stepwise.security.generator;

import java.util.Optional;

/**
 * Resolves the {@code StateMachineArn} a definition's Task gives (as written) to the name of the
 * state machine it starts, so the generator can name it and its executions.
 */
@FunctionalInterface
public interface StateMachineNameResolver {

  /** The name of the state machine {@code stateMachineArn} starts, or empty when it names none. */
  Optional<String> resolve(String stateMachineArn);

  /**
   * Reads the name from the ARN itself: {@code
   * arn:<partition>:states:<region>:<account>:stateMachine:<name>}, optionally followed by {@code
   * :<version or alias>}.
   */
  static StateMachineNameResolver fromArn() {
    return arn -> StateMachineArn.parse(arn).map(StateMachineArn::name);
  }
}
