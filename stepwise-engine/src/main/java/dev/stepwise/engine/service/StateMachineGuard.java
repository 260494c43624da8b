package dev.stepwise.engine.service;

import dev.stepwise.language.model.StateMachine;

/**
 * A check CreateStateMachine runs on a valid definition before accepting it (IAM: a {@code .sync}
 * nested task needs its role to manage the events rule).
 */
@FunctionalInterface
public interface StateMachineGuard {
  StateMachineGuard NONE = (roleArn, machine) -> {};

  /**
   * @throws ServiceException with AWS's error to reject the state machine
   */
  void check(String roleArn, StateMachine machine) throws ServiceException;
}
