package dev.stepwise.engine.service;

import java.util.List;
import java.util.Map;

/**
 * Where activities and tags live between restarts (state machines have {@link StateMachineStore}).
 */
public interface ResourceStore {
  /** Persists a created activity (durably, before the API answers). */
  void saveActivity(ActivityRecord activity);

  void deleteActivity(String arn);

  /** Every stored activity. */
  List<ActivityRecord> activities();

  /** Replaces the resource's tags (in order); no tags removes them. */
  void saveTags(String resourceArn, Map<String, String> tags);

  /** Every resource's tags, each in the order saved. */
  Map<String, Map<String, String>> tags();

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

        @Override
        public void saveTags(String resourceArn, Map<String, String> tags) {}

        @Override
        public Map<String, Map<String, String>> tags() {
          return Map.of();
        }
      };
}
