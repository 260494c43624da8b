package dev.stepwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The end-to-end harness of the shared workloads (a–d), in memory: runs each workload several times
 * on a fresh engine, checks every run's output, and prints one JSON line per workload with the
 * median rate in the peer's units.
 *
 * <p>Usage: {@code Workloads <workloads-dir> [runs=3] [a b c d]}
 */
public final class Workloads {
  private Workloads() {}

  private record Workload(
      String name,
      String file,
      MachineType type,
      String unit,
      int executions,
      long unitsPerRun,
      Predicate<JsonNode> correct) {}

  private static final List<Workload> ALL =
      List.of(
          new Workload(
              "a",
              "a-single-pass",
              MachineType.STANDARD,
              "executions/s",
              10_000,
              10_000,
              out -> out.path("data").path("value").asInt() == 42),
          new Workload(
              "b",
              "b-chain-100",
              MachineType.STANDARD,
              "transitions/s",
              1_000,
              100_000,
              out ->
                  out.path("last").path("step").asInt() == 99
                      && out.path("last").path("value").asInt() == 42),
          new Workload(
              "c",
              "c-map-10000",
              MachineType.EXPRESS,
              "items/s",
              1,
              10_000,
              out -> out.size() == 10_000 && out.get(9_999).path("id").asInt() == 9_999),
          new Workload(
              "d",
              "d-choice-loop-10000",
              MachineType.EXPRESS,
              "transitions/s",
              1,
              20_002,
              out -> out.path("loop").path("i").asInt() == 10_000));

  /** A server runs warm: whole runs until both bounds are passed let the JIT compile the engine. */
  private static final int WARMUP_RUNS = 5;

  private static final long WARMUP_NANOS = 3_000_000_000L;

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: Workloads <workloads-dir> [runs] [a b c d]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> chosen =
        args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of("a", "b", "c", "d");
    for (Workload w : ALL) {
      if (chosen.contains(w.name())) {
        System.out.println(Json.write(measure(dir, w, runs)));
      }
    }
  }

  /**
   * Runs every workload once at a tenth of its size (c and d whole: one execution each) and checks
   * the outputs: the harness's correctness in seconds, for CI.
   */
  public static void smoke(Path dir) throws Exception {
    for (Workload w : ALL) {
      StateMachine machine = parse(dir.resolve(w.file() + ".asl.json"), w.type());
      JsonNode input = Json.parse(Files.readString(dir.resolve(w.file() + ".input.json")));
      run(machine, input, w, Math.max(1, w.executions() / 10));
    }
  }

  private static ObjectNode measure(Path dir, Workload w, int runs) throws Exception {
    StateMachine machine = parse(dir.resolve(w.file() + ".asl.json"), w.type());
    JsonNode input = Json.parse(Files.readString(dir.resolve(w.file() + ".input.json")));
    long warmupStart = System.nanoTime();
    for (int warmup = 0;
        warmup < WARMUP_RUNS || System.nanoTime() - warmupStart < WARMUP_NANOS;
        warmup++) {
      run(machine, input, w, w.executions());
    }
    List<Double> rates = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long cpu0 = processCpuNanos();
      double seconds = run(machine, input, w, w.executions()) / 1e9;
      rates.add(w.unitsPerRun() / seconds);
      // CPU time spent per unit (all of the process's threads, GC included): on a shared machine
      // it moves far less with other processes' load than the wall-clock rate does.
      cpu.add((double) (processCpuNanos() - cpu0) / w.unitsPerRun());
    }
    List<Double> sorted = rates.stream().sorted().toList();
    ObjectNode line = Json.NODES.objectNode();
    line.put("workload", w.name());
    line.put("unit", w.unit());
    line.put("observe", BenchObservers.mode());
    line.put("median", Math.round(sorted.get(sorted.size() / 2)));
    line.putPOJO("runs", rates.stream().map(Math::round).toList());
    List<Double> cpuSorted = cpu.stream().sorted().toList();
    line.put("cpuNsPerUnitMedian", Math.round(cpuSorted.get(cpuSorted.size() / 2)));
    line.put("rssMb", rssMb());
    return line;
  }

  /**
   * Starts the executions and checks their outputs.
   *
   * @return the nanoseconds from the first start to the last completion (setting up the engine and
   *     checking the outputs are not counted)
   */
  private static long run(StateMachine machine, JsonNode input, Workload w, int executions)
      throws Exception {
    EngineSettings settings = EngineSettings.DEFAULTS;
    Arns arns = Arns.of(settings);
    InstantSource clock = InstantSource.system();
    try (RealTimeScheduler scheduler = new RealTimeScheduler(clock);
        BenchObservers observers = BenchObservers.create()) {
      Engine engine =
          new Engine(
              settings,
              clock,
              scheduler,
              new DurableNode.NoTasks(),
              new InMemoryExecutionStore(),
              1,
              observers.observer());
      List<CompletableFuture<Execution>> done = new ArrayList<>(executions);
      long t0 = System.nanoTime();
      for (int i = 0; i < executions; i++) {
        String name = "e" + i;
        ExecutionSpec spec =
            new ExecutionSpec(
                w.type() == MachineType.EXPRESS
                    ? arns.expressExecution(w.file(), name, name)
                    : arns.execution(w.file(), name),
                name,
                arns.stateMachine(w.file()),
                w.file(),
                machine,
                w.type(),
                input,
                arns.defaultRole(),
                clock.instant(),
                null,
                null,
                false);
        done.add(engine.start(spec).completion());
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
      long elapsed = System.nanoTime() - t0;
      for (CompletableFuture<Execution> f : done) {
        Execution e = f.get();
        if (e.status() != ExecutionStatus.SUCCEEDED || !w.correct().test(e.output())) {
          throw new IllegalStateException(
              "workload " + w.name() + " gave a wrong result: " + e.status() + " " + e.output());
        }
      }
      return elapsed;
    }
  }

  private static StateMachine parse(Path file, MachineType type) throws IOException {
    ParseResult r = new DefinitionParser(type).parse(Files.readString(file));
    if (!r.valid()) {
      throw new IllegalArgumentException(file + ": " + r.invalidDefinitionMessage());
    }
    return r.machine();
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }
}
