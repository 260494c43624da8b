package dev.stepwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.observe.ExecutionObserver;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.store.StepRecord;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * What the observers cost the engine per transition, apart from any other load: workload b's steps
 * are recorded once, then handed to the observers of {@code -Dstepwise.bench.observe} again and
 * again on one thread (the thread that stores a step calls them), timed per transition.
 *
 * <p>Usage: {@code ObserverCost <workloads-dir> [executions=200000]}
 */
public final class ObserverCost {
  private ObserverCost() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int executions = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    StateMachine machine =
        new DefinitionParser(MachineType.STANDARD)
            .parse(Files.readString(dir.resolve("b-chain-100.asl.json")))
            .machine();
    JsonNode input = Json.parse(Files.readString(dir.resolve("b-chain-100.input.json")));
    List<StepRecord> steps = new ArrayList<>();
    Arns arns = Arns.of(EngineSettings.DEFAULTS);
    try (RealTimeScheduler scheduler = new RealTimeScheduler(InstantSource.system())) {
      Engine engine =
          new Engine(
              EngineSettings.DEFAULTS,
              InstantSource.system(),
              scheduler,
              new DurableNode.NoTasks(),
              new InMemoryExecutionStore(),
              1,
              step -> {
                synchronized (steps) {
                  steps.add(step);
                }
              });
      ExecutionSpec spec = DurableChain.chain(arns, machine, input, "one");
      engine.start(spec).completion().get();
    }
    int events = steps.stream().mapToInt(s -> s.step().events().size()).sum();
    try (BenchObservers observers = BenchObservers.create()) {
      ExecutionObserver o = observers.observer();
      for (int round = 0; round < 5; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < executions; i++) {
          for (StepRecord s : steps) {
            o.stored(s);
          }
        }
        double ns = System.nanoTime() - t0;
        System.out.printf(
            "{\"observe\":\"%s\",\"round\":%d,\"steps\":%d,\"events\":%d,\"nsPerExecution\":%.0f,\"nsPerTransition\":%.1f}%n",
            BenchObservers.mode(),
            round,
            steps.size(),
            events,
            ns / executions,
            ns / executions / 100);
      }
    }
  }
}
