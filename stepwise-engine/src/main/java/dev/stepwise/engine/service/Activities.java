package dev.stepwise.engine.service;

import dev.stepwise.engine.Arns;
import dev.stepwise.engine.activity.ActivityTasks;
import dev.stepwise.engine.nested.ExecutionNames;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Activities: CreateActivity, DescribeActivity, DeleteActivity, ListActivities, GetActivityTask.
 */
public final class Activities {
  private final Arns arns;
  private final InstantSource clock;
  private final ResourceStore store;
  private final @Nullable ActivityTasks tasks;
  private final ConcurrentHashMap<String, ActivityRecord> byArn = new ConcurrentHashMap<>();
  private final ResourceTags tags;

  /**
   * @param tasks the engine's activity integration (GetActivityTask hands out its tasks), or null
   *     when the engine runs none: activities can be created, but no task ever waits
   */
  Activities(
      Arns arns,
      InstantSource clock,
      ResourceStore store,
      ResourceTags tags,
      @Nullable ActivityTasks tasks) {
    this.arns = arns;
    this.tags = tags;
    this.clock = clock;
    this.store = store;
    this.tasks = tasks;
    for (ActivityRecord a : store.activities()) {
      byArn.put(a.arn(), a);
      if (tasks != null) {
        tasks.register(a.arn());
      }
    }
  }

  boolean exists(String arn) {
    return byArn.containsKey(arn);
  }

  /**
   * CreateActivity: idempotent by name (AWS returns the existing activity unchanged, ignoring the
   * tags).
   */
  public ActivityRecord create(String name, Map<String, String> initialTags)
      throws ServiceException {
    if (!ExecutionNames.valid(name)) {
      throw new ServiceException("InvalidName", "Invalid Name: '" + name + "'");
    }
    String arn = arns.activity(name);
    ResourceTags.checkCount(arn, initialTags.size());
    ActivityRecord created = new ActivityRecord(arn, name, clock.instant());
    ActivityRecord existing = byArn.putIfAbsent(arn, created);
    if (existing != null) {
      return existing;
    }
    store.saveActivity(created);
    tags.initial(arn, initialTags);
    if (tasks != null) {
      tasks.register(arn);
    }
    return created;
  }

  public ActivityRecord describe(String arn) throws ServiceException {
    ActivityRecord a = byArn.get(arn);
    if (a == null) {
      ArnChecks.check(arn, "activity");
      throw new ServiceException("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
    }
    return a;
  }

  /** DeleteActivity: no error when it does not exist (AWS answers {@code {}}). */
  public void delete(String arn) throws ServiceException {
    ArnChecks.check(arn, "activity");
    if (byArn.remove(arn) != null) {
      store.deleteActivity(arn);
      tags.remove(arn);
      if (tasks != null) {
        tasks.unregister(arn);
      }
    }
  }

  public List<ActivityRecord> list() {
    return byArn.values().stream().sorted(Comparator.comparing(ActivityRecord::name)).toList();
  }

  /**
   * GetActivityTask: completes with a task of the activity, or empty when none came within the long
   * poll (60 seconds).
   */
  public CompletableFuture<Optional<ActivityTasks.ActivityTask>> getTask(
      String activityArn, @Nullable String workerName) throws ServiceException {
    describe(activityArn);
    if (tasks == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    CompletableFuture<Optional<ActivityTasks.ActivityTask>> task =
        tasks.poll(activityArn, workerName);
    if (task == null) {
      throw new ServiceException(
          "ActivityWorkerLimitExceeded",
          "The maximum number of workers concurrently polling for activity tasks has been"
              + " reached.");
    }
    return task;
  }
}
