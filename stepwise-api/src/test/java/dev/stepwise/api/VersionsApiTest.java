package dev.stepwise.api;

import static dev.stepwise.api.TestServer.ROLE;
import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertFails;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** State machine versions: publishing, describing, running, listing and deleting them. */
class VersionsApiTest {
  private static final String V1 =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":1,\"End\":true}}}";
  private static final String V2 =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":2,\"End\":true}}}";

  /** The first two ids of the test server's seeded source (java.util.Random(1)). */
  private static final String FIRST_REVISION = "bb1ad573-19b8-9cd8-68fb-0e6f684df992";

  private static final String SECOND_REVISION = "352cccfc-0946-b8f0-552c-f1e4a8ab85dd";

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<String> versionArns(String sm) {
    return server
        .sfn
        .listStateMachineVersions(b -> b.stateMachineArn(sm))
        .stateMachineVersions()
        .stream()
        .map(StateMachineVersionListItem::stateMachineVersionArn)
        .toList();
  }

  @Test
  void createCanPublishTheFirstVersion() {
    var created =
        server.sfn.createStateMachine(
            b -> b.name("m").definition(V1).roleArn(ROLE).publish(true).versionDescription("one"));
    assertThat(created.stateMachineVersionArn()).isEqualTo(SM + "m:1");
    assertJson(
        server.call("DescribeStateMachine", "{\"stateMachineArn\":\"" + SM + "m:1\"}"),
        """
        {"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m:1","name":"m",
         "status":"ACTIVE","definition":%s,"roleArn":"arn:aws:iam::123456789012:role/test",
         "type":"STANDARD","creationDate":1767225600.0,
         "loggingConfiguration":{"level":"OFF","includeExecutionData":false},
         "tracingConfiguration":{"enabled":false},"encryptionConfiguration":{"type":"AWS_OWNED_KEY"},
         "description":"one"}
        """
            .formatted(Json.NODES.textNode(V1)));
    // The unqualified ARN still describes the state machine itself.
    assertThat(server.sfn.describeStateMachine(b -> b.stateMachineArn(SM + "m")).description())
        .isNull();
    // Creating it again is idempotent: the same version.
    var again =
        server.sfn.createStateMachine(
            b -> b.name("m").definition(V1).roleArn(ROLE).publish(true).versionDescription("one"));
    assertThat(again.stateMachineVersionArn()).isEqualTo(SM + "m:1");
    assertThat(versionArns(SM + "m")).containsExactly(SM + "m:1");
  }

  @Test
  void updatesPublishNumberedVersionsThatRunWhatTheyHeld() {
    String sm = server.create("m", V1);
    var first =
        server.sfn.updateStateMachine(
            b -> b.stateMachineArn(sm).roleArn("arn:aws:iam::123456789012:role/r1").publish(true));
    assertThat(first.stateMachineVersionArn()).isEqualTo(sm + ":1");
    assertThat(first.revisionId()).isEqualTo(FIRST_REVISION);
    var second =
        server.sfn.updateStateMachine(
            b -> b.stateMachineArn(sm).definition(V2).publish(true).versionDescription("two"));
    assertThat(second.stateMachineVersionArn()).isEqualTo(sm + ":2");
    assertThat(versionArns(sm)).containsExactly(sm + ":2", sm + ":1");
    var one = server.sfn.describeStateMachine(b -> b.stateMachineArn(sm + ":1"));
    assertThat(one.definition()).isEqualTo(V1);
    assertThat(one.revisionId()).isEqualTo(FIRST_REVISION);
    assertThat(one.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/r1");
    assertThat(server.sfn.describeStateMachine(b -> b.stateMachineArn(sm + ":2")).revisionId())
        .isEqualTo(SECOND_REVISION);

    String onV1 = server.start(sm + ":1", "on-v1", "{}");
    assertThat(onV1).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:m:on-v1");
    var d = server.awaitClosed(onV1);
    assertThat(d.output()).isEqualTo("1");
    assertThat(d.stateMachineArn()).isEqualTo(sm);
    assertThat(d.stateMachineVersionArn()).isEqualTo(sm + ":1");
    assertThat(d.stateMachineAliasArn()).isNull();
    assertJson(
        server.history(onV1).path(0).path("executionStartedEventDetails"),
        """
        {"input":"{}","inputDetails":{"truncated":false},
         "roleArn":"arn:aws:iam::123456789012:role/r1",
         "stateMachineVersionArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m:1"}
        """);
    var forExecution = server.sfn.describeStateMachineForExecution(b -> b.executionArn(onV1));
    assertThat(forExecution.stateMachineArn()).isEqualTo(sm);
    assertThat(forExecution.revisionId()).isEqualTo(FIRST_REVISION);
    String latest = server.start(sm, "latest", "{}");
    assertThat(server.awaitClosed(latest).output()).isEqualTo("2");

    assertThat(
            server.sfn.listExecutions(b -> b.stateMachineArn(sm + ":1")).executions().stream()
                .map(ExecutionListItem::name))
        .containsExactly("on-v1");
    assertThat(server.sfn.listExecutions(b -> b.stateMachineArn(sm + ":2")).executions()).isEmpty();
    assertThat(
            server.sfn.listExecutions(b -> b.stateMachineArn(sm)).executions().stream()
                .map(ExecutionListItem::name))
        .containsExactlyInAnyOrder("on-v1", "latest");
  }

  @Test
  void publishingARevisionTwiceGivesOneVersionAndNumbersAreNeverReused() {
    String sm = server.create("m", V1);
    var p1 = server.sfn.publishStateMachineVersion(b -> b.stateMachineArn(sm));
    assertThat(p1.stateMachineVersionArn()).isEqualTo(sm + ":1");
    assertThat(p1.creationDate()).isEqualTo(TestServer.START);
    assertThat(
            server
                .sfn
                .publishStateMachineVersion(b -> b.stateMachineArn(sm))
                .stateMachineVersionArn())
        .isEqualTo(sm + ":1");
    // Publish alone, through UpdateStateMachine: the version of the current revision.
    assertJson(
        server.call("UpdateStateMachine", "{\"stateMachineArn\":\"" + sm + "\",\"publish\":true}"),
        """
        {"updateDate":1767225600.0,
         "stateMachineVersionArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m:1"}
        """);
    server.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(sm + ":1"));
    assertThat(versionArns(sm)).isEmpty();
    server.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(sm + ":1"));
    assertThat(
            server
                .sfn
                .publishStateMachineVersion(b -> b.stateMachineArn(sm))
                .stateMachineVersionArn())
        .isEqualTo(sm + ":2");
  }

  @Test
  void aStaleRevisionIsAConflict() {
    String sm = server.create("m", V1);
    server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).definition(V2));
    server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).definition(V1));
    ConflictException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConflictException.class,
            () ->
                server.sfn.publishStateMachineVersion(
                    b -> b.stateMachineArn(sm).revisionId(FIRST_REVISION)));
    assertThat(e.statusCode()).isEqualTo(409);
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Failed to publish the State Machine version for revision "
                + FIRST_REVISION
                + ". The current State Machine revision is "
                + SECOND_REVISION
                + ".");
    assertThat(
            server
                .sfn
                .publishStateMachineVersion(
                    b -> b.stateMachineArn(sm).revisionId(SECOND_REVISION).description("current"))
                .stateMachineVersionArn())
        .isEqualTo(sm + ":1");
  }

  @Test
  void missingVersionsAndMachinesAreAwsErrors() {
    String sm = server.create("m", V1);
    assertFails(
        StateMachineDoesNotExistException.class,
        "State Machine Does Not Exist: '" + sm + ":9'",
        () -> server.sfn.describeStateMachine(b -> b.stateMachineArn(sm + ":9")));
    assertFails(
        StateMachineDoesNotExistException.class,
        "State Machine Does Not Exist: '" + sm + ":9'",
        () -> server.sfn.startExecution(b -> b.stateMachineArn(sm + ":9")));
    assertFails(
        StateMachineDoesNotExistException.class,
        "State Machine Does Not Exist: '" + SM + "none'",
        () -> server.sfn.publishStateMachineVersion(b -> b.stateMachineArn(SM + "none")));
    assertFails(
        ValidationException.class,
        "Invalid State Machine Version Arn: '" + sm + "'",
        () -> server.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(sm)));
    assertThat(versionArns(SM + "none")).isEmpty();
  }

  @Test
  void deletingTheStateMachineDeletesItsVersions() {
    String sm = server.create("m", V1);
    server.sfn.publishStateMachineVersion(b -> b.stateMachineArn(sm));
    server.sfn.deleteStateMachine(b -> b.stateMachineArn(sm));
    assertThat(versionArns(sm)).isEmpty();
    assertFails(
        StateMachineDoesNotExistException.class,
        "State Machine Does Not Exist: '" + sm + ":1'",
        () -> server.sfn.describeStateMachine(b -> b.stateMachineArn(sm + ":1")));
    // A new state machine of the same name starts again at version 1.
    server.create("m", V1);
    assertThat(
            server
                .sfn
                .publishStateMachineVersion(b -> b.stateMachineArn(sm))
                .stateMachineVersionArn())
        .isEqualTo(sm + ":1");
  }

  @Test
  void versionsPage() {
    String sm = server.create("m", V1);
    server.sfn.publishStateMachineVersion(b -> b.stateMachineArn(sm));
    server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).definition(V2).publish(true));
    server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).definition(V1).publish(true));
    var first = server.sfn.listStateMachineVersions(b -> b.stateMachineArn(sm).maxResults(2));
    assertThat(first.stateMachineVersions())
        .extracting(StateMachineVersionListItem::stateMachineVersionArn)
        .containsExactly(sm + ":3", sm + ":2");
    var rest =
        server.sfn.listStateMachineVersions(
            b -> b.stateMachineArn(sm).maxResults(2).nextToken(first.nextToken()));
    assertThat(rest.stateMachineVersions())
        .extracting(StateMachineVersionListItem::stateMachineVersionArn)
        .containsExactly(sm + ":1");
    assertThat(rest.nextToken()).isNull();
  }
}
