package dev.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.nested.SfnSdkTasks;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.RealTimeScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;

/** The API driven by the AWS SDK for Java v2, as users' code drives it. */
class SdkApiTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/test";

  private RealTimeScheduler scheduler;
  private ApiServer api;
  private SfnClient sfn;

  @BeforeEach
  void start() throws Exception {
    InstantSource clock = InstantSource.system();
    scheduler = new RealTimeScheduler(clock);
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    NestedHolder nested = new NestedHolder();
    Engine engine = new Engine(EngineSettings.DEFAULTS, clock, scheduler, nested, store, 1);
    Random random = new Random(1);
    StepFunctionsService service =
        new StepFunctionsService(
            engine, store, clock, () -> new UUID(random.nextLong(), random.nextLong()));
    nested.target =
        new NestedExecutions(service, java.util.random.RandomGenerator.of("L64X128MixRandom"));
    nested.sfn = new SfnSdkTasks(service, java.util.random.RandomGenerator.of("L64X128MixRandom"));
    api = ApiServer.start("127.0.0.1", 0, service);
    sfn =
        SfnClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + api.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                o ->
                    o.putAdvancedOption(
                        SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
            .build();
  }

  @AfterEach
  void stop() {
    sfn.close();
    api.close();
    scheduler.close();
  }

  private String createPassMachine(String name, String type) {
    return sfn.createStateMachine(
            b ->
                b.name(name)
                    .roleArn(ROLE)
                    .type(type)
                    .definition(
                        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Parameters\":{\"v.$\":\"$.x\"},\"End\":true}}}"))
        .stateMachineArn();
  }

  private DescribeExecutionResponse awaitClosed(String executionArn) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
      if (d.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
        return d;
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void createStartDescribeAndReadHistory() throws Exception {
    String smArn = createPassMachine("hello", "STANDARD");
    assertThat(smArn).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:hello");
    assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(smArn)).roleArn()).isEqualTo(ROLE);
    String execArn =
        sfn.startExecution(b -> b.stateMachineArn(smArn).name("run-1").input("{\"x\":7}"))
            .executionArn();
    assertThat(execArn).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:hello:run-1");

    DescribeExecutionResponse d = awaitClosed(execArn);
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(d.output()).isEqualTo("{\"v\":7}");
    assertThat(d.input()).isEqualTo("{\"x\":7}");
    assertThat(
            sfn.getExecutionHistory(b -> b.executionArn(execArn)).events().stream()
                .map(e -> e.type())
                .toList())
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED,
            HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(smArn)).executions())
        .extracting(e -> e.name())
        .containsExactly("run-1");
  }

  @Test
  void startExecutionIsIdempotentOnlyWhileRunning() throws Exception {
    String smArn =
        sfn.createStateMachine(
                b ->
                    b.name("waiter")
                        .roleArn(ROLE)
                        .definition(
                            "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":30,\"End\":true}}}"))
            .stateMachineArn();
    String first =
        sfn.startExecution(b -> b.stateMachineArn(smArn).name("n1").input("{}")).executionArn();
    String again =
        sfn.startExecution(b -> b.stateMachineArn(smArn).name("n1").input("{}")).executionArn();
    assertThat(again).isEqualTo(first);
    assertThatThrownBy(
            () ->
                sfn.startExecution(b -> b.stateMachineArn(smArn).name("n1").input("{\"other\":1}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class)
        .hasMessageStartingWith("Execution Already Exists: '" + first + "'");
    sfn.stopExecution(b -> b.executionArn(first).error("E").cause("stopped"));
    DescribeExecutionResponse d = awaitClosed(first);
    assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(d.error()).isEqualTo("E");
    assertThat(d.cause()).isEqualTo("stopped");
  }

  @Test
  void expressMachinesRunSynchronously() {
    String smArn = createPassMachine("express", "EXPRESS");
    var r = sfn.startSyncExecution(b -> b.stateMachineArn(smArn).input("{\"x\":1}"));
    assertThat(r.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo("{\"v\":1}");
    assertThat(r.executionArn())
        .startsWith("arn:aws:states:us-east-1:123456789012:express:express:");
  }

  @Test
  void errorsAreAwsExceptions() {
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    b ->
                        b.name("bad")
                            .roleArn(ROLE)
                            .definition("{\"StartAt\":\"A\",\"States\":{}}")))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(
            "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: A"
                + " at /StartAt'");
    assertThatThrownBy(
            () ->
                sfn.startExecution(
                    b ->
                        b.stateMachineArn(
                            "arn:aws:states:us-east-1:123456789012:stateMachine:none")))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageStartingWith(
            "State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:none'");
    assertThatThrownBy(
            () ->
                sfn.describeExecution(
                    b -> b.executionArn("arn:aws:states:us-east-1:123456789012:execution:x:y")))
        .isInstanceOf(ExecutionDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("bm9wZQ").output("{}")))
        .isInstanceOf(TaskDoesNotExistException.class);
  }

  @Test
  void validateStateMachineDefinitionReturnsDiagnostics() {
    var r =
        sfn.validateStateMachineDefinition(
            b ->
                b.definition(
                    "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}"));
    assertThat(r.resultAsString()).isEqualTo("FAIL");
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.location() + " " + d.message())
        .isEqualTo(List.of("MISSING_TRANSITION_TARGET /States/A/Next Missing 'Next' target: B"));
  }

  /** Nested executions need the service, which needs the engine. */
  private static final class NestedHolder implements TaskDispatcher {
    NestedExecutions target;
    SfnSdkTasks sfn;

    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      if (SfnSdkTasks.serves(request.resource())) {
        sfn.dispatch(request, callbacks);
      } else {
        target.dispatch(request, callbacks);
      }
    }
  }

  private String create(String name, java.nio.file.Path file) throws java.io.IOException {
    String definition = java.nio.file.Files.readString(file);
    return sfn.createStateMachine(b -> b.name(name).roleArn(ROLE).definition(definition))
        .stateMachineArn();
  }

  @Test
  void nestedExampleRunsThroughTheApi() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("../examples/nested");
    create("report", dir.resolve("report.asl.json"));
    create("approval", dir.resolve("approval.asl.json"));
    String parent = create("parent", dir.resolve("parent.asl.json"));
    String exec =
        sfn.startExecution(b -> b.stateMachineArn(parent).name("p1").input("{\"orders\": [1, 2]}"))
            .executionArn();

    DescribeExecutionResponse d = awaitClosed(exec);
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(d.output())
        .isEqualTo("{\"orders\":[1,2],\"report\":{\"count\":2},\"approval\":{\"approved\":true}}");
    assertThat(
            sfn.getExecutionHistory(b -> b.executionArn(exec)).events().stream()
                .map(e -> e.typeAsString())
                .toList())
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSubmitted",
            "TaskSucceeded",
            "TaskStateExited",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSubmitted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded");
    var children =
        sfn.listExecutions(
                b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:report"))
            .executions();
    assertThat(children).hasSize(1);
    String childInput =
        sfn.describeExecution(b -> b.executionArn(children.get(0).executionArn())).input();
    assertThat(childInput)
        .isEqualTo(
            "{\"orders\":[1,2],\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\":\"" + exec + "\"}");
  }

  @Test
  void historyWithoutExecutionDataLeavesTheStoredHistoryWhole() throws Exception {
    String smArn = createPassMachine("data", "STANDARD");
    String exec =
        sfn.startExecution(b -> b.stateMachineArn(smArn).name("d1").input("{\"x\":1}"))
            .executionArn();
    awaitClosed(exec);

    var trimmed =
        sfn.getExecutionHistory(b -> b.executionArn(exec).includeExecutionData(false)).events();
    assertThat(trimmed.get(0).executionStartedEventDetails().input()).isNull();
    var whole = sfn.getExecutionHistory(b -> b.executionArn(exec)).events();
    assertThat(whole.get(0).executionStartedEventDetails().input()).isEqualTo("{\"x\":1}");
  }
}
