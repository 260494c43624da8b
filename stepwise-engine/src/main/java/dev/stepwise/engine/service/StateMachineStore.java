package dev.stepwise.engine.service;

import dev.stepwise.engine.service.StepFunctionsService.StateMachineRecord;
import java.util.List;

/** Where state machines live between restarts. */
public interface StateMachineStore {
  /** Persists a created state machine (durably, before the API answers). */
  void save(StateMachineRecord record);

  void delete(String arn);

  /** Every stored state machine, parsed again. */
  List<StateMachineRecord> all();

  /** DeleteStateMachine left it DELETING until its running executions close. */
  default void markDeleting(String arn) {}

  /** The state machines left DELETING. */
  default java.util.Set<String> deleting() {
    return java.util.Set.of();
  }

  /** For the in-memory mode: nothing survives the process. */
  StateMachineStore NONE =
      new StateMachineStore() {
        @Override
        public void save(StateMachineRecord record) {}

        @Override
        public void delete(String arn) {}

        @Override
        public List<StateMachineRecord> all() {
          return List.of();
        }
      };
}
