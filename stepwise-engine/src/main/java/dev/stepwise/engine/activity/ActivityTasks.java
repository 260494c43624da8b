package dev.stepwise.engine.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.Scheduler;
import dev.stepwise.language.eval.ErrorNames;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/*
 * Implementation notes.
 *
 * Each activity has a queue of tasks waiting for a worker and a queue of workers waiting for a
 * task (GetActivityTask long polls); at most one of the two is non-empty. Both change under the
 * queue's lock; handing a task to a worker happens outside it: first the execution hears that the
 * task started (ActivityStarted, with the worker's name), then the worker gets the token, so any
 * SendTask* call the worker makes arrives after the start.
 *
 * A worker's wait ends on the scheduler's clock: tests on a stepped clock decide when a poll comes
 * back empty, production waits in real time.
 *
 * Nothing here is durable: after a restart, executions dispatch their not-yet-started activity
 * tasks again (the interpreter's resume effects), and tasks already handed out complete by token.
 */
/**
 * The activity integration: Task states whose {@code Resource} is an activity ARN wait here until a
 * worker's GetActivityTask takes them; the worker completes them with SendTask* by token.
 */
public final class ActivityTasks implements TaskDispatcher {
  /** How long GetActivityTask waits for a task (AWS: 60 seconds). */
  public static final Duration POLL_TIMEOUT = Duration.ofSeconds(60);

  /** AWS's quota of concurrent GetActivityTask calls per activity. */
  public static final int MAX_POLLERS = 1_000;

  /** A task handed to a worker: its token and input. */
  public record ActivityTask(String taskToken, JsonNode input) {}

  private record Pending(TaskRequest request, TaskCallbacks callbacks) {}

  private static final class Poller {
    final CompletableFuture<Optional<ActivityTask>> answer = new CompletableFuture<>();
    final @Nullable String workerName;
    Scheduler.@Nullable Cancellable timer;

    Poller(@Nullable String workerName) {
      this.workerName = workerName;
    }
  }

  private static final class Queue {
    final ArrayDeque<Pending> tasks = new ArrayDeque<>();
    final ArrayDeque<Poller> pollers = new ArrayDeque<>();
  }

  private final InstantSource clock;
  private final Scheduler scheduler;
  private final ExecutionStore executions;
  private final Duration pollTimeout;
  private final Set<String> activities = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();

  /**
   * @param executions read to name the event a failed state was entered at, as AWS's causes do
   */
  public ActivityTasks(
      InstantSource clock, Scheduler scheduler, ExecutionStore executions, Duration pollTimeout) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.executions = executions;
    this.pollTimeout = pollTimeout;
  }

  public ActivityTasks(InstantSource clock, Scheduler scheduler, ExecutionStore executions) {
    this(clock, scheduler, executions, POLL_TIMEOUT);
  }

  /** Routes here: Task states whose resource is an activity ARN. */
  public static boolean serves(Resource resource) {
    return resource.family() == Resource.Family.ACTIVITY;
  }

  /** The activity exists: its tasks queue for workers. */
  public void register(String activityArn) {
    activities.add(activityArn);
  }

  /** The activity was deleted: new tasks on it fail; tasks already queued stay. */
  public void unregister(String activityArn) {
    activities.remove(activityArn);
  }

  @Override
  public @Nullable String unschedulable(TaskRequest request) {
    String arn = request.resource().arn();
    return activities.contains(arn) ? null : missing(arn);
  }

  private static String missing(String activityArn) {
    return "The activity " + activityArn + " does not exist.";
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    String arn = request.resource().arn();
    if (!activities.contains(arn)) {
      // Deleted after its state was scheduled (or scheduled again on a restart).
      callbacks.failed(ErrorNames.RUNTIME, doesNotExist(request));
      return;
    }
    Queue queue = queue(arn);
    Poller poller;
    synchronized (queue) {
      poller = queue.pollers.poll();
      if (poller == null) {
        queue.tasks.add(new Pending(request, callbacks));
        return;
      }
    }
    hand(new Pending(request, callbacks), poller);
  }

  /** AWS's cause: the state, the event it was entered at, and the activity. */
  private String doesNotExist(TaskRequest request) {
    long entered = 0;
    for (HistoryEvent e : executions.history(request.executionArn())) {
      if (e.type() == EventType.TaskStateEntered
          && e.details() != null
          && request.stateName().equals(e.details().path("name").asText())) {
        entered = e.id();
      }
    }
    return "An error occurred while executing the state '"
        + request.stateName()
        + "' (entered at the event id #"
        + entered
        + "). "
        + missing(request.resource().arn());
  }

  @Override
  public void cancel(TaskRequest request, String cause) {
    Queue queue = queues.get(request.resource().arn());
    if (queue == null) {
      return;
    }
    synchronized (queue) {
      for (Iterator<Pending> it = queue.tasks.iterator(); it.hasNext(); ) {
        TaskRequest queued = it.next().request();
        if (queued.taskId() == request.taskId()
            && queued.executionArn().equals(request.executionArn())) {
          it.remove();
        }
      }
    }
  }

  /**
   * GetActivityTask: the oldest waiting task of the activity, or the next one dispatched within the
   * poll timeout; empty when none comes.
   *
   * @return null when {@value #MAX_POLLERS} workers already wait on this activity
   */
  public @Nullable CompletableFuture<Optional<ActivityTask>> poll(
      String activityArn, @Nullable String workerName) {
    Queue queue = queue(activityArn);
    Poller poller = new Poller(workerName);
    Pending task;
    synchronized (queue) {
      task = queue.tasks.poll();
      if (task == null) {
        if (queue.pollers.size() >= MAX_POLLERS) {
          return null;
        }
        queue.pollers.add(poller);
        poller.timer =
            scheduler.schedule(clock.instant().plus(pollTimeout), () -> expire(queue, poller));
        return poller.answer;
      }
    }
    hand(task, poller);
    return poller.answer;
  }

  private void expire(Queue queue, Poller poller) {
    boolean waiting;
    synchronized (queue) {
      waiting = queue.pollers.remove(poller);
    }
    if (waiting) {
      poller.answer.complete(Optional.empty());
    }
  }

  private void hand(Pending task, Poller poller) {
    if (poller.timer != null) {
      poller.timer.cancel();
    }
    task.callbacks().started(poller.workerName);
    TaskRequest r = task.request();
    poller.answer.complete(Optional.of(new ActivityTask(r.taskToken(), r.parameters())));
  }

  /** Workers waiting on the activity now. */
  public int waitingWorkers(String activityArn) {
    Queue queue = queues.get(activityArn);
    if (queue == null) {
      return 0;
    }
    synchronized (queue) {
      return queue.pollers.size();
    }
  }

  /** Tasks of the activity waiting for a worker now. */
  public List<TaskRequest> waitingTasks(String activityArn) {
    Queue queue = queues.get(activityArn);
    if (queue == null) {
      return List.of();
    }
    synchronized (queue) {
      return queue.tasks.stream().map(Pending::request).toList();
    }
  }

  private Queue queue(String activityArn) {
    return queues.computeIfAbsent(activityArn, arn -> new Queue());
  }
}
