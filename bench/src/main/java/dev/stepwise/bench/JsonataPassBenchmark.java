package dev.stepwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.Variables;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.jsonata.JsonataTemplate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One JSONata Pass state's data flow on workload b's input: {@code Output} and {@code Assign}
 * templates with {@code $states.input} expressions, compiled once as a definition load does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class JsonataPassBenchmark {
  private Scope scope;
  private Expression output;
  private Expression assign;

  @Setup
  public void setUp() throws Exception {
    JsonNode input =
        Json.parse("{\"id\":1,\"name\":\"bench\",\"data\":{\"value\":42,\"tags\":[\"x\",\"y\"]}}");
    scope = new Scope(Json.NODES.objectNode(), Variables.NONE, input, null, null);
    output =
        JsonataTemplate.compile(
            Json.parse(
                "{\"value\":\"{% $states.input.data.value + 1 %}\",\"tags\":\"{% $count($states.input.data.tags) %}\",\"step\":0}"),
            "Output");
    assign =
        JsonataTemplate.compile(Json.parse("{\"last\":\"{% $states.input.name %}\"}"), "Assign");
  }

  @Benchmark
  public JsonNode passTransition() {
    assign.evaluate(scope.stateInput(), scope);
    return output.evaluate(scope.stateInput(), scope);
  }
}
