package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.local.LocalRuntime;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.integrations.ExecutionArns;
import dev.stepwise.integrations.mock.MockConfig;
import dev.stepwise.integrations.mock.MockedTasks;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs execution cases on an in-process engine with virtual time ({@code bin/stepwise run}), mocked
 * ones with the merged mock file and the case's test case. {@code api_calls} cases need the API.
 */
final class InProcessRunner implements CaseRunner {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final MockConfig mocks;

  InProcessRunner(MockConfig mocks) {
    this.mocks = mocks;
  }

  @Override
  public Outcome run(RecordedCase recordedCase) throws Exception {
    String testCase = recordedCase.mockTestCase();
    String mocked = recordedCase.mockedMachineName();
    // As StartExecution on "<arn>#<TestCase>" does: the test case is the started execution's,
    // not its children's.
    Function<TaskRequest, Optional<String>> testCaseOf =
        request ->
            Optional.ofNullable(testCase)
                .filter(t -> ExecutionArns.stateMachineName(request.executionArn()).equals(mocked));
    LocalRuntime runtime =
        new LocalRuntime(
            EngineSettings.DEFAULTS,
            true,
            START,
            42,
            tasks -> testCase == null ? tasks : new MockedTasks(mocks, testCaseOf, tasks));
    Function<String, String> nameOf = name -> recordedCase.createdName(name, n -> n);
    JsonNode doc =
        recordedCase.resolved(name -> runtime.arns().stateMachine(nameOf.apply(name)), nameOf);
    List<RecordedCase.Machine> machines = recordedCase.machines(doc);
    for (RecordedCase.Machine m : machines) {
      runtime.register(
          nameOf.apply(m.name()), Json.write(m.definition()), MachineType.valueOf(m.type()));
    }
    Execution e = runtime.run(nameOf.apply(machines.get(0).name()), doc.path("input"), true);
    List<String> types = e.history().stream().map(HistoryEvent::type).map(Enum::name).toList();
    return new Outcome(
        e.status().name(),
        e.output() == null ? null : Json.write(e.output()),
        e.error(),
        e.cause(),
        types);
  }

  @Override
  public @Nullable ApiCallsTarget apiCalls() {
    return null;
  }

  @Override
  public void close() {}
}
