package dev.stepwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.Variables;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.path.Paths;
import dev.stepwise.language.path.ReferencePath;
import dev.stepwise.language.template.PayloadTemplate;
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
 * One Pass state's JSONPath data flow on workload b's input: InputPath, Parameters, ResultPath,
 * OutputPath, with the expressions compiled once as a definition load does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class PassDataFlowBenchmark {
  private JsonNode input;
  private Scope scope;
  private Expression inputPath;
  private Expression parameters;
  private ReferencePath resultPath;
  private Expression outputPath;

  @Setup
  public void setUp() throws Exception {
    input =
        Json.parse("{\"id\":1,\"name\":\"bench\",\"data\":{\"value\":42,\"tags\":[\"x\",\"y\"]}}");
    scope = new Scope(Json.NODES.objectNode(), Variables.NONE, input, null, null);
    inputPath = Paths.compile("$");
    parameters =
        PayloadTemplate.compile(
            Json.parse("{\"value.$\":\"$.data.value\",\"step\":0}"), "Parameters");
    resultPath = ReferencePath.compile("$.last");
    outputPath = Paths.compile("$");
  }

  @Benchmark
  public JsonNode passTransition() {
    JsonNode effective = inputPath.evaluate(input, scope);
    JsonNode result = parameters.evaluate(effective, scope);
    JsonNode withResult = resultPath.write(input, result);
    return outputPath.evaluate(withResult, scope);
  }
}
