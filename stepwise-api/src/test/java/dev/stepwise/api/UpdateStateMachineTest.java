package dev.stepwise.api;

import static dev.stepwise.api.TestServer.ACTIVITY;
import static dev.stepwise.api.TestServer.ROLE;
import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertFails;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.CloudWatchLogsLogGroup;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.LogDestination;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** UpdateStateMachine: what changes, what running executions keep, and AWS's errors. */
class UpdateStateMachineTest {
  private static final String ROLE2 = "arn:aws:iam::123456789012:role/second";
  private static final String WAIT_THEN_V1 =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":10,\"Next\":\"P\"},"
          + "\"P\":{\"Type\":\"Pass\",\"Result\":{\"v\":1},\"End\":true}}}";
  private static final String V2 =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"v\":2},\"End\":true}}}";

  /** The first id the test server's seeded source gives (java.util.Random(1)). */
  private static final String FIRST_REVISION = "bb1ad573-19b8-9cd8-68fb-0e6f684df992";

  /** The second. */
  private static final String SECOND_REVISION = "352cccfc-0946-b8f0-552c-f1e4a8ab85dd";

  @TempDir Path dir;

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void newExecutionsRunTheUpdateWhileRunningOnesKeepWhatTheyStartedWith() {
    String sm = server.create("m", WAIT_THEN_V1);
    String old = server.start(sm, "old", "{}");
    server.awaitEvents(old, 2);
    server.advance(Duration.ofSeconds(1));

    UpdateStateMachineResponse update =
        server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).definition(V2).roleArn(ROLE2));
    assertThat(update.updateDate()).isEqualTo(TestServer.START.plusSeconds(1));
    assertThat(update.revisionId()).isEqualTo(FIRST_REVISION);
    assertThat(update.stateMachineVersionArn()).isNull();
    assertJson(
        server.call("DescribeStateMachine", "{\"stateMachineArn\":\"" + sm + "\"}"),
        """
        {"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m","name":"m",
         "status":"ACTIVE","definition":%s,
         "roleArn":"arn:aws:iam::123456789012:role/second","type":"STANDARD",
         "creationDate":1767225600.0,
         "loggingConfiguration":{"level":"OFF","includeExecutionData":false},
         "tracingConfiguration":{"enabled":false},"encryptionConfiguration":{"type":"AWS_OWNED_KEY"},
         "revisionId":"%s"}
        """
            .formatted(dev.stepwise.language.json.Json.NODES.textNode(V2), FIRST_REVISION));

    String fresh = server.start(sm, "new", "{}");
    assertThat(server.awaitClosed(fresh).output()).isEqualTo("{\"v\":2}");
    server.advance(Duration.ofSeconds(10));
    assertThat(server.awaitClosed(old).output()).isEqualTo("{\"v\":1}");
    var forOld = server.sfn.describeStateMachineForExecution(b -> b.executionArn(old));
    assertThat(forOld.roleArn()).isEqualTo(ROLE);
    assertThat(forOld.definition()).isEqualTo(WAIT_THEN_V1);
    var forNew = server.sfn.describeStateMachineForExecution(b -> b.executionArn(fresh));
    assertThat(forNew.roleArn()).isEqualTo(ROLE2);
    assertThat(forNew.definition()).isEqualTo(V2);
  }

  @Test
  void theSameUpdateAgainKeepsTheRevisionAndDate() {
    String sm = server.create("m", V2);
    var first = server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).roleArn(ROLE2));
    server.advance(Duration.ofSeconds(30));
    var again = server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).roleArn(ROLE2));
    assertThat(again.revisionId()).isEqualTo(first.revisionId()).isEqualTo(FIRST_REVISION);
    assertThat(again.updateDate()).isEqualTo(TestServer.START);
    var changed = server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).roleArn(ROLE));
    assertThat(changed.revisionId()).isEqualTo(SECOND_REVISION);
    assertThat(changed.updateDate()).isEqualTo(TestServer.START.plusSeconds(30));
    // The creation date never moves.
    assertThat(server.sfn.describeStateMachine(b -> b.stateMachineArn(sm)).creationDate())
        .isEqualTo(TestServer.START);
  }

  @Test
  void loggingAndTracingConfigurationsAreKept() {
    String sm = server.create("m", V2);
    String group = "arn:aws:logs:us-east-1:123456789012:log-group:sfn:*";
    server.sfn.updateStateMachine(
        b ->
            b.stateMachineArn(sm)
                .loggingConfiguration(
                    l ->
                        l.level(LogLevel.ERROR)
                            .includeExecutionData(true)
                            .destinations(
                                LogDestination.builder()
                                    .cloudWatchLogsLogGroup(
                                        CloudWatchLogsLogGroup.builder().logGroupArn(group).build())
                                    .build()))
                .tracingConfiguration(t -> t.enabled(true)));
    var d = server.call("DescribeStateMachine", "{\"stateMachineArn\":\"" + sm + "\"}");
    assertJson(
        d.path("loggingConfiguration"),
        """
        {"level":"ERROR","includeExecutionData":true,
         "destinations":[{"cloudWatchLogsLogGroup":{"logGroupArn":"%s"}}]}
        """
            .formatted(group));
    assertJson(d.path("tracingConfiguration"), "{\"enabled\":true}");
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value 'LOUD' at 'loggingConfiguration.level' failed to"
            + " satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]",
        () ->
            server.sfn.updateStateMachine(
                b -> b.stateMachineArn(sm).loggingConfiguration(l -> l.level("LOUD"))));
  }

  @Test
  void createIgnoresADifferentRoleButNotADifferentDefinition() {
    String sm = server.create("m", V2);
    var again = server.sfn.createStateMachine(b -> b.name("m").definition(V2).roleArn(ROLE2));
    assertThat(again.stateMachineArn()).isEqualTo(sm);
    assertThat(server.sfn.describeStateMachine(b -> b.stateMachineArn(sm)).roleArn())
        .isEqualTo(ROLE);
    assertFails(
        StateMachineAlreadyExistsException.class,
        "State Machine Already Exists: '" + sm + "'",
        () ->
            server.sfn.createStateMachine(b -> b.name("m").definition(WAIT_THEN_V1).roleArn(ROLE)));
    assertFails(
        ValidationException.class,
        "Version description can only be set when publish is true",
        () ->
            server.sfn.createStateMachine(
                b -> b.name("n").definition(V2).roleArn(ROLE).versionDescription("first")));
  }

  @Test
  void errorsAreAws() {
    String sm = server.create("m", V2);
    assertFails(
        MissingRequiredParameterException.class,
        "Either the definition, the role ARN, the LoggingConfiguration, or the"
            + " TracingConfiguration must be specified",
        () -> server.sfn.updateStateMachine(b -> b.stateMachineArn(sm)));
    assertFails(
        ValidationException.class,
        "Version description can only be set when publish is true",
        () ->
            server.sfn.updateStateMachine(
                b -> b.stateMachineArn(sm).roleArn(ROLE2).versionDescription("v")));
    assertFails(
        StateMachineDoesNotExistException.class,
        "State Machine Does Not Exist: '" + SM + "other'",
        () -> server.sfn.updateStateMachine(b -> b.stateMachineArn(SM + "other").roleArn(ROLE2)));
    assertFails(
        InvalidArnException.class,
        "Invalid Arn: 'Resource type not valid in this context: activity'",
        () -> server.sfn.updateStateMachine(b -> b.stateMachineArn(ACTIVITY + "a").roleArn(ROLE2)));
    assertFails(
        InvalidArnException.class,
        "Invalid Arn: 'not-a-role'",
        () -> server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).roleArn("not-a-role")));
    assertFails(
        InvalidDefinitionException.class,
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required:"
            + " [States] at /'",
        () ->
            server.sfn.updateStateMachine(
                b -> b.stateMachineArn(sm).definition("{\"StartAt\":\"P\"}")));
    // Nothing changed by the failed calls.
    assertThat(server.sfn.describeStateMachine(b -> b.stateMachineArn(sm)).revisionId()).isNull();
  }

  @Test
  void anUpdateSurvivesARestart() throws Exception {
    server.close();
    ManualClock clock = new ManualClock(TestServer.START);
    Path data = dir.resolve("data");
    String sm;
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      sm = server.create("m", WAIT_THEN_V1);
      clock.advance(Duration.ofSeconds(2));
      server.sfn.updateStateMachine(
          b -> b.stateMachineArn(sm).definition(V2).tracingConfiguration(t -> t.enabled(true)));
      server.close();
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      var d = server.sfn.describeStateMachine(b -> b.stateMachineArn(sm));
      assertThat(d.definition()).isEqualTo(V2);
      assertThat(d.revisionId()).isEqualTo(FIRST_REVISION);
      assertThat(d.creationDate()).isEqualTo(TestServer.START);
      assertThat(d.tracingConfiguration().enabled()).isTrue();
      String exec = server.start(sm, "after", "{}");
      assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      server.close();
    }
    server = new TestServer();
  }
}
