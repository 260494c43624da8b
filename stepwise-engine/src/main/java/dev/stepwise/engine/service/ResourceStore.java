package dev.stepwise.engine.service;

import java.util.List;
import java.util.Map;

/**
 * Where activities, versions, aliases and tags live between restarts (state machines have {@link
 * StateMachineStore}).
 */
public interface ResourceStore {
  /** Persists a created activity (durably, before the API answers). */
  void saveActivity(ActivityRecord activity);

  void deleteActivity(String arn);

  /** Every stored activity. */
  List<ActivityRecord> activities();

  void saveVersion(StateMachineVersion version);

  void deleteVersion(String arn);

  /** Every stored version. */
  List<StateMachineVersion> versions();

  /** The highest version number a state machine has published (numbers are never reused). */
  void saveLastVersion(String stateMachineArn, long number);

  /** Every state machine's highest version number. */
  Map<String, Long> lastVersions();

  void saveAlias(StateMachineAlias alias);

  void deleteAlias(String arn);

  /** Every stored alias. */
  List<StateMachineAlias> aliases();

  /** Replaces the resource's tags (in order); no tags removes them. */
  void saveTags(String resourceArn, Map<String, String> tags);

  /** Every resource's tags, each in the order saved. */
  Map<String, Map<String, String>> tags();

  /**
   * Remembers the mock test case an open execution was started with ({@code arn#TestCase}), or
   * forgets it (null), so a restart keeps answering its tasks from the same test case.
   */
  default void saveTestCase(
      String executionArn, @org.jspecify.annotations.Nullable String testCase) {}

  /** The test cases of open executions, by execution ARN. */
  default Map<String, String> testCases() {
    return Map.of();
  }

  /**
   * The store's secret key for what the API hands out to be handed back (page tokens): 32 random
   * bytes made on first use and kept, so tokens outlive a restart and every server of the store
   * accepts the others'. Empty for a store that keeps nothing (the service then makes one).
   */
  default java.util.Optional<byte[]> tokenKey() {
    return java.util.Optional.empty();
  }

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
        public void saveVersion(StateMachineVersion version) {}

        @Override
        public void deleteVersion(String arn) {}

        @Override
        public List<StateMachineVersion> versions() {
          return List.of();
        }

        @Override
        public void saveLastVersion(String stateMachineArn, long number) {}

        @Override
        public Map<String, Long> lastVersions() {
          return Map.of();
        }

        @Override
        public void saveAlias(StateMachineAlias alias) {}

        @Override
        public void deleteAlias(String arn) {}

        @Override
        public List<StateMachineAlias> aliases() {
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
