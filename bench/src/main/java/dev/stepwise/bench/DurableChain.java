package dev.stepwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Durable throughput: workload b (100-Pass chain) on the SQLite store with full history, a fixed
 * number of executions in flight. Prints transitions/s (100 per execution) and events/s stored.
 *
 * <p>Usage: {@code DurableChain <workloads-dir> [executions=1000] [concurrency=100]}
 */
public final class DurableChain {
  private DurableChain() {}

  /** One STANDARD execution of workload b's chain, with its history kept. */
  static ExecutionSpec chain(Arns arns, StateMachine machine, JsonNode input, String name) {
    return new ExecutionSpec(
        arns.execution("chain", name),
        name,
        arns.stateMachine("chain"),
        "chain",
        machine,
        MachineType.STANDARD,
        input,
        arns.defaultRole(),
        InstantSource.system().instant(),
        null,
        null,
        true);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int executions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    StateMachine machine =
        new DefinitionParser(MachineType.STANDARD)
            .parse(Files.readString(dir.resolve("b-chain-100.asl.json")))
            .machine();
    JsonNode input = Json.parse(Files.readString(dir.resolve("b-chain-100.input.json")));
    for (int round = 0; round < 3; round++) {
      Path data = Files.createTempDirectory("stepwise-durable-bench");
      try (SqliteStore store = SqliteStore.open(data);
          RealTimeScheduler scheduler = new RealTimeScheduler(InstantSource.system());
          BenchObservers observers = BenchObservers.create()) {
        store.observe(observers.store());
        Engine engine =
            new Engine(
                EngineSettings.DEFAULTS,
                InstantSource.system(),
                scheduler,
                new DurableNode.NoTasks(),
                store,
                1,
                observers.observer());
        Arns arns = Arns.of(EngineSettings.DEFAULTS);
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Execution>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        long cpu0 = Workloads.processCpuNanos();
        for (int i = 0; i < executions; i++) {
          inFlight.acquire();
          String name = "r" + round + "-" + i;
          CompletableFuture<Execution> f =
              engine.start(chain(arns, machine, input, name)).completion();
          f.whenComplete((e, x) -> inFlight.release());
          done.add(f);
        }
        for (CompletableFuture<Execution> f : done) {
          Execution e = f.get();
          if (e.status() != ExecutionStatus.SUCCEEDED
              || e.output().path("last").path("step").asInt() != 99) {
            throw new IllegalStateException("wrong result: " + e.status() + " " + e.output());
          }
        }
        store.flush();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpuPerTransition = (Workloads.processCpuNanos() - cpu0) / (executions * 100L);
        long events = executions * 203L;
        System.out.printf(
            "{\"observe\":\"%s\",\"round\":%d,\"executions\":%d,\"concurrency\":%d,\"transitionsPerSecond\":%d,\"eventsStoredPerSecond\":%d,\"cpuNsPerTransition\":%d}%n",
            BenchObservers.mode(),
            round,
            executions,
            concurrency,
            Math.round(executions * 100 / seconds),
            Math.round(events / seconds),
            cpuPerTransition);
      }
    }
  }
}
