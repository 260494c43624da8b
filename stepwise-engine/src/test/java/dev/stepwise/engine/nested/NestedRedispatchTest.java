package dev.stepwise.engine.nested;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A nested task dispatched again after a restart whose child already ran and closed: the start
 * stands, and the parent hears what it would have heard the first time.
 */
class NestedRedispatchTest {
  private static final Arns ARNS = Arns.of(EngineSettings.DEFAULTS);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** StartExecution answers ExecutionAlreadyExists: the child has closed. */
  private static final class ClosedChild implements ExecutionStarter {
    private final ExecutionRecord record;

    ClosedChild(ExecutionRecord record) {
      this.record = record;
    }

    @Override
    public Execution start(
        String stateMachineArn,
        String name,
        String input,
        @Nullable String parentExecutionArn,
        Consumer<Execution> beforeRun)
        throws ServiceException {
      throw new ServiceException(
          "ExecutionAlreadyExists",
          "Execution Already Exists: '" + record.spec().executionArn() + "'");
    }

    @Override
    public String executionArn(String stateMachineArn, String name) {
      return record.spec().executionArn();
    }

    @Override
    public Optional<Execution> find(String executionArn) {
      return Optional.empty();
    }

    @Override
    public Optional<ExecutionRecord> closed(String executionArn) {
      return executionArn.equals(record.spec().executionArn())
          ? Optional.of(record)
          : Optional.empty();
    }

    @Override
    public void stop(String executionArn, @Nullable String error, @Nullable String cause) {}
  }

  /** What the parent hears, one line each. */
  private static final class Heard implements TaskCallbacks {
    final List<String> lines = new ArrayList<>();

    @Override
    public void started(@Nullable String workerName) {
      lines.add("started");
    }

    @Override
    public void submitted(JsonNode response) {
      lines.add("submitted " + response.path("ExecutionArn").asText());
    }

    @Override
    public void succeeded(JsonNode output) {
      lines.add("succeeded " + output.path("ExecutionArn").asText());
    }

    @Override
    public void failed(@Nullable String error, @Nullable String cause) {
      lines.add("failed " + error);
    }

    @Override
    public void heartbeat() {
      lines.add("heartbeat");
    }
  }

  private static List<String> redispatch(String pattern) {
    String parentArn = ARNS.execution("parent", "p");
    TaskRequest request =
        new TaskRequest(
            parentArn,
            3,
            "Run",
            Resource.parse("arn:aws:states:::states:startExecution" + pattern),
            Json.parseTrusted("{\"StateMachineArn\":\"" + ARNS.stateMachine("child") + "\"}"),
            null,
            null,
            null,
            null);
    String childName = NestedExecutions.childName(parentArn, 3);
    ExecutionSpec child =
        new ExecutionSpec(
            ARNS.execution("child", childName),
            childName,
            ARNS.stateMachine("child"),
            "child",
            new DefinitionParser(MachineType.STANDARD)
                .parse("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}")
                .machine(),
            MachineType.STANDARD,
            Json.parseTrusted("{}"),
            ARNS.defaultRole(),
            T0,
            null,
            null,
            true);
    ExecutionRecord closed =
        new ExecutionRecord(
            child, 1, ExecutionStatus.SUCCEEDED, Json.parseTrusted("{}"), null, null, T0);
    Heard heard = new Heard();
    new NestedExecutions(new ClosedChild(closed), RandomGenerator.of("L64X128MixRandom"))
        .dispatch(request, heard);
    return heard.lines;
  }

  @Test
  void requestResponseSucceedsWithTheChildItStarted() {
    assertThat(redispatch(""))
        .containsExactly(
            "succeeded arn:aws:states:us-east-1:123456789012:execution:child:"
                + NestedExecutions.childName(ARNS.execution("parent", "p"), 3));
  }

  @Test
  void syncReportsTheClosedChild() {
    String child =
        "arn:aws:states:us-east-1:123456789012:execution:child:"
            + NestedExecutions.childName(ARNS.execution("parent", "p"), 3);
    assertThat(redispatch(".sync")).containsExactly("submitted " + child, "succeeded " + child);
  }

  @Test
  void aCallbackTaskIsSubmittedAndWaitsForItsToken() {
    String child =
        "arn:aws:states:us-east-1:123456789012:execution:child:"
            + NestedExecutions.childName(ARNS.execution("parent", "p"), 3);
    assertThat(redispatch(".waitForTaskToken")).containsExactly("submitted " + child);
  }
}
