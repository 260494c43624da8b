package dev.stepwise.bench;

import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.Scheduler;
import dev.stepwise.store.sqlite.SqliteStore;
import java.time.InstantSource;
import java.util.UUID;

/** An engine and its service on the SQLite store, on the system clock, as {@code serve} has. */
record DurableNode(Engine engine, StepFunctionsService service) {

  static DurableNode on(SqliteStore store, Scheduler scheduler, TaskDispatcher tasks) {
    InstantSource clock = InstantSource.system();
    Engine engine = new Engine(EngineSettings.DEFAULTS, clock, scheduler, tasks, store, 1);
    return new DurableNode(
        engine,
        new StepFunctionsService(engine, store, store.resources(), clock, UUID::randomUUID));
  }

  /** For workloads without Task states: any task fails. */
  static final class NoTasks implements TaskDispatcher {
    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      callbacks.failed("States.TaskFailed", "the benchmark workloads use no tasks");
    }
  }
}
