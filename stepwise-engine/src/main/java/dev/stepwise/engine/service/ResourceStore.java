package dev.stepwise.engine.service;

import java.util.List;

/** Where activities live between restarts (state machines have {@link StateMachineStore}). */
public interface ResourceStore {
  /** Persists a created activity (durably, before the API answers). */
  void saveActivity(ActivityRecord activity);

  void deleteActivity(String arn);

  /** Every stored activity. */
  List<ActivityRecord> activities();

  /** For the in-memory mode: nothing survives the process. */
  ResourceStore NONE =
      new ResourceStore() {
        @Override
        public void saveActivity(ActivityRecord activity) {}

        @Override
        public void deleteActivity(String arn) {}

        @Override
        public List<ActivityRecord> activities() {
          return List.of();
        }
      };
}
