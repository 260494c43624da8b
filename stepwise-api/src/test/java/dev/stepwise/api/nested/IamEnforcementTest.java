package dev.stepwise.api.nested;

import static dev.stepwise.api.TestServer.EXEC;
import static dev.stepwise.api.TestServer.SM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.api.TestServer;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.security.enforce.IamMode;
import dev.stepwise.security.enforce.RolePermissions;
import dev.stepwise.security.role.Roles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * {@code --iam enforce}: a nested task may do what its state machine's role allows, as the
 * Developer Guide's policies for each pattern grant it (spec nested-workflows §7).
 */
class IamEnforcementTest {
  private static final String ACCOUNT = "123456789012";
  private static final String EVENTS_RULE =
      "arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule";

  /** Roles named by what they allow: start only, start and wait (.sync), wait without stop. */
  private static final String ROLES =
      """
      {"Roles": [
        {"RoleName": "Starter", "Arn": "arn:aws:iam::123456789012:role/Starter",
         "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
           {"Effect": "Allow", "Action": ["states:StartExecution"],
            "Resource": ["arn:aws:states:us-east-1:123456789012:stateMachine:child"]}]}}]},
        {"RoleName": "Syncer", "Arn": "arn:aws:iam::123456789012:role/Syncer",
         "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
           {"Effect": "Allow", "Action": ["states:StartExecution"],
            "Resource": ["arn:aws:states:us-east-1:123456789012:stateMachine:child"]},
           {"Effect": "Allow", "Action": ["states:DescribeExecution", "states:StopExecution"],
            "Resource": ["arn:aws:states:us-east-1:123456789012:execution:child:*"]},
           {"Effect": "Allow", "Action": ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
            "Resource": ["%1$s"]}]}}]},
        {"RoleName": "NoStop", "Arn": "arn:aws:iam::123456789012:role/NoStop",
         "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
           {"Effect": "Allow", "Action": ["states:StartExecution", "states:DescribeExecution"],
            "Resource": "*"},
           {"Effect": "Allow", "Action": "events:*", "Resource": "%1$s"}]}}]}
      ]}"""
          .formatted(EVENTS_RULE);

  private static String role(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  private final List<String> warnings = new ArrayList<>();
  private TestServer server;

  private TestServer server(IamMode mode) throws Exception {
    server =
        new TestServer(
            EngineSettings.DEFAULTS, new RolePermissions(Roles.parse(ROLES), mode, warnings::add));
    server.create("child", Machines.WAIT_60, role("Starter"));
    server.create("other", Machines.PASS, role("Starter"));
    return server;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRoleStartsOnlyTheStateMachinesItNames() throws Exception {
    server(IamMode.ENFORCE);
    String parent = server.create("parent", Machines.parent(""), role("Starter"));
    String allowed = server.start(parent, "p1", Machines.input(SM + "child", "{}", "c1"));
    String denied = server.start(parent, "p2", Machines.input(SM + "other", "{}", "c2"));

    assertThat(server.awaitClosed(allowed).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    var d = server.awaitClosed(denied);
    assertThat(d.error()).isEqualTo("StepFunctions.AWSStepFunctionsException");
    assertThat(
            d.cause()
                .replaceAll("[0-9a-f-]{36}", "<uuid>")
                .replaceAll("/[0-9a-f]{32} ", "/<session> "))
        .isEqualTo(
            "User: arn:aws:sts::123456789012:assumed-role/Starter/<session> is not authorized to"
                + " perform: states:StartExecution on resource:"
                + " arn:aws:states:us-east-1:123456789012:stateMachine:other because no"
                + " identity-based policy allows the states:StartExecution action (Service:"
                + " AWSStepFunctions; Status Code: 400; Error Code: AccessDeniedException; Request"
                + " ID: <uuid>; Proxy: null)");
    assertThat(server.sfn.listExecutions(b -> b.stateMachineArn(SM + "other")).executions())
        .isEmpty();
  }

  @Test
  void aSyncTaskNeedsTheEventsRuleWhenTheStateMachineIsCreated() throws Exception {
    server(IamMode.ENFORCE);
    assertThatThrownBy(() -> server.create("parent", Machines.parent(".sync"), role("Starter")))
        .isInstanceOf(SfnException.class)
        .hasMessageStartingWith(
            "'arn:aws:iam::123456789012:role/Starter' is not authorized to create managed-rule.")
        .satisfies(
            e ->
                assertThat(((SfnException) e).awsErrorDetails().errorCode())
                    .isEqualTo("AccessDeniedException"));
    // The callback pattern needs no rule.
    server.create("token-parent", Machines.parent(".waitForTaskToken"), role("Starter"));
  }

  @Test
  void aSyncTaskRunsWithTheGuidesSynchronousPolicy() throws Exception {
    server(IamMode.ENFORCE);
    server.create("fast", Machines.PASS, role("Starter"));
    String parent = server.create("parent", Machines.parent(".sync:2"), role("Syncer"));
    String exec = server.start(parent, "p1", Machines.input(SM + "child", "{}", "c1"));
    String child = EXEC + "child:c1";
    server.awaitStatus(child, ExecutionStatus.RUNNING);
    server.advance(java.time.Duration.ofSeconds(60));
    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    // Not its child: neither start nor describe is granted on "fast".
    String denied = server.start(parent, "p2", Machines.input(SM + "fast", "{}", "c2"));
    assertThat(server.awaitClosed(denied).error())
        .isEqualTo("StepFunctions.AWSStepFunctionsException");
  }

  @Test
  void withoutStopExecutionTheChildOutlivesItsStoppedParent() throws Exception {
    server(IamMode.ENFORCE);
    String parent = server.create("parent", Machines.parent(".sync"), role("NoStop"));
    String exec = server.start(parent, "p1", Machines.input(SM + "child", "{}", "c1"));
    String child = EXEC + "child:c1";
    server.awaitEvents(exec, 5);

    server.sfn.stopExecution(b -> b.executionArn(exec));
    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.ABORTED);
    // Never stopped: it runs its Wait to the end.
    server.advance(java.time.Duration.ofSeconds(60));
    assertThat(server.awaitClosed(child).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void withStopExecutionTheChildIsStoppedWithItsParent() throws Exception {
    server(IamMode.ENFORCE);
    String parent = server.create("parent", Machines.parent(".sync"), role("Syncer"));
    String exec = server.start(parent, "p1", Machines.input(SM + "child", "{}", "c1"));
    String child = EXEC + "child:c1";
    server.awaitEvents(exec, 5);

    server.sfn.stopExecution(b -> b.executionArn(exec));
    assertThat(server.awaitClosed(child).status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void warnReportsWhatEnforceWouldDenyAndLetsItThrough() throws Exception {
    server(IamMode.WARN);
    String parent = server.create("parent", Machines.parent(""), role("Starter"));
    String exec = server.start(parent, "p1", Machines.input(SM + "other", "{}", "c2"));

    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("IAM (warn): User: arn:aws:sts::123456789012:assumed-role/Starter/")
        .endsWith(
            " is not authorized to perform: states:StartExecution on resource:"
                + " arn:aws:states:us-east-1:123456789012:stateMachine:other because no"
                + " identity-based policy allows the states:StartExecution action");
  }

  @Test
  void aCallbackTaskNeedsOnlyStartExecutionOnItsChild() throws Exception {
    server(IamMode.ENFORCE);
    String parent =
        server.create(
            "parent",
            """
            {"StartAt":"T","States":{"T":{"Type":"Task","End":true,
             "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
             "Parameters":{"StateMachineArn.$":"$.StateMachineArn","Name.$":"$.Name",
               "Input":{"token.$":"$$.Task.Token"}}}}}""",
            role("Starter"));
    String allowed = server.start(parent, "p1", Machines.input(SM + "child", "{}", "c1"));
    String denied = server.start(parent, "p2", Machines.input(SM + "other", "{}", "c2"));

    assertThat(server.awaitClosed(denied).error())
        .isEqualTo("StepFunctions.AWSStepFunctionsException");
    String token = server.childInput(EXEC + "child:c1").path("token").asText();
    server.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"ok\":true}"));
    assertThat(server.awaitClosed(allowed).output()).isEqualTo("{\"ok\":true}");
  }
}
