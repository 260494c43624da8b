package dev.stepwise.api;

import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertFails;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAliasListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** State machine aliases: routing to versions, their lifecycle, and executions through them. */
class AliasesApiTest {
  private static final String V1 =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":1,\"End\":true}}}";
  private static final String V2 =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":2,\"End\":true}}}";
  private static final String M = SM + "m";
  private static final String NO_SUCH = "Request references a resource that does not exist.";

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

  /** State machine m with versions 1 (V1) and 2 (V2). */
  private void twoVersions() {
    server.create("m", V1);
    server.sfn.publishStateMachineVersion(b -> b.stateMachineArn(M));
    server.sfn.updateStateMachine(b -> b.stateMachineArn(M).definition(V2).publish(true));
  }

  private static RoutingConfigurationListItem route(String versionArn, int weight) {
    return RoutingConfigurationListItem.builder()
        .stateMachineVersionArn(versionArn)
        .weight(weight)
        .build();
  }

  private String alias(String name, RoutingConfigurationListItem... routes) {
    return server
        .sfn
        .createStateMachineAlias(b -> b.name(name).routingConfiguration(routes))
        .stateMachineAliasArn();
  }

  private List<String> aliasArns(String arn) {
    return server
        .sfn
        .listStateMachineAliases(b -> b.stateMachineArn(arn))
        .stateMachineAliases()
        .stream()
        .map(StateMachineAliasListItem::stateMachineAliasArn)
        .toList();
  }

  @Test
  void anAliasIsCreatedDescribedUpdatedListedAndDeleted() {
    twoVersions();
    var created =
        server.sfn.createStateMachineAlias(
            b -> b.name("prod").description("live").routingConfiguration(route(M + ":1", 100)));
    assertThat(created.stateMachineAliasArn()).isEqualTo(M + ":prod");
    assertThat(created.creationDate()).isEqualTo(TestServer.START);
    server.advance(Duration.ofSeconds(5));
    // The same request again: the same alias.
    assertThat(
            server
                .sfn
                .createStateMachineAlias(
                    b ->
                        b.name("prod")
                            .description("live")
                            .routingConfiguration(route(M + ":1", 100)))
                .creationDate())
        .isEqualTo(TestServer.START);
    ConflictException conflict =
        catchThrowableOfType(
            ConflictException.class,
            () ->
                server.sfn.createStateMachineAlias(
                    b -> b.name("prod").routingConfiguration(route(M + ":2", 100))));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Failed to create alias because an alias with the same name and a different routing"
                + " configuration already exists.");

    var updated =
        server.sfn.updateStateMachineAlias(
            b ->
                b.stateMachineAliasArn(M + ":prod")
                    .description("split")
                    .routingConfiguration(route(M + ":1", 50), route(M + ":2", 50)));
    assertThat(updated.updateDate()).isEqualTo(TestServer.START.plusSeconds(5));
    assertJson(
        server.call("DescribeStateMachineAlias", "{\"stateMachineAliasArn\":\"" + M + ":prod\"}"),
        """
        {"stateMachineAliasArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m:prod",
         "name":"prod","description":"split",
         "routingConfiguration":[
           {"stateMachineVersionArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m:1","weight":50},
           {"stateMachineVersionArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m:2","weight":50}],
         "creationDate":1767225600.0,"updateDate":1767225605.0}
        """);

    alias("beta", route(M + ":2", 100));
    assertThat(aliasArns(M)).containsExactly(M + ":prod", M + ":beta");
    assertThat(aliasArns(M + ":1")).containsExactly(M + ":prod");
    assertThat(aliasArns(M + ":2")).containsExactly(M + ":prod", M + ":beta");

    server.sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(M + ":prod"));
    server.sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(M + ":prod"));
    assertThat(aliasArns(M)).containsExactly(M + ":beta");
    assertFails(
        ResourceNotFoundException.class,
        NO_SUCH,
        () -> server.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(M + ":prod")));
    assertFails(
        ResourceNotFoundException.class,
        NO_SUCH,
        () ->
            server.sfn.updateStateMachineAlias(
                b -> b.stateMachineAliasArn(M + ":prod").description("x")));
  }

  @Test
  void executionsThroughAnAliasRecordItAndTheVersionItPicked() {
    twoVersions();
    String prod = alias("prod", route(M + ":1", 100));
    String exec = server.start(prod, "through-alias", "{}");
    assertThat(exec).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:m:through-alias");
    var d = server.awaitClosed(exec);
    assertThat(d.output()).isEqualTo("1");
    assertThat(d.stateMachineArn()).isEqualTo(M);
    assertThat(d.stateMachineAliasArn()).isEqualTo(prod);
    assertThat(d.stateMachineVersionArn()).isEqualTo(M + ":1");
    assertJson(
        server.history(exec).path(0).path("executionStartedEventDetails"),
        """
        {"input":"{}","inputDetails":{"truncated":false},
         "roleArn":"arn:aws:iam::123456789012:role/test",
         "stateMachineAliasArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m:prod",
         "stateMachineVersionArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m:1"}
        """);
    server.advance(Duration.ofSeconds(1));
    String direct = server.start(M, "direct", "{}");
    server.awaitClosed(direct);
    assertThat(
            server.sfn.listExecutions(b -> b.stateMachineArn(prod)).executions().stream()
                .map(ExecutionListItem::name))
        .containsExactly("through-alias");
    var listed = server.sfn.listExecutions(b -> b.stateMachineArn(M)).executions();
    assertThat(listed)
        .extracting(ExecutionListItem::name)
        .containsExactly("direct", "through-alias");
    assertThat(listed.get(1).stateMachineAliasArn()).isEqualTo(prod);
    assertThat(listed.get(1).stateMachineVersionArn()).isEqualTo(M + ":1");

    // Split by weight: over many executions both versions run, and only they.
    server.sfn.updateStateMachineAlias(
        b ->
            b.stateMachineAliasArn(prod)
                .routingConfiguration(route(M + ":1", 50), route(M + ":2", 50)));
    Set<String> outputs = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      outputs.add(server.awaitClosed(server.start(prod, "split-" + i, "{}")).output());
    }
    assertThat(outputs).containsExactlyInAnyOrder("1", "2");
  }

  @Test
  void routingConfigurationsAndNamesAreChecked() {
    twoVersions();
    server.create("other", V1);
    server.sfn.publishStateMachineVersion(b -> b.stateMachineArn(SM + "other"));
    assertFails(
        ValidationException.class,
        "Routing configuration must contain state machine version ARNs. Received: [" + M + "]",
        () -> alias("a", route(M, 100)));
    assertFails(
        ValidationException.class,
        "Routing configuration must contain distinct state machine version ARNs. Received: ["
            + M
            + ":1, "
            + M
            + ":1]",
        () -> alias("a", route(M + ":1", 50), route(M + ":1", 50)));
    assertFails(
        ValidationException.class,
        "Sum of routing configuration weights must equal 100. Received: [70, 29]",
        () -> alias("a", route(M + ":1", 70), route(M + ":2", 29)));
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight'"
            + " failed to satisfy constraint: Member must have value less than or equal to 100",
        () -> alias("a", route(M + ":1", 101)));
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '[RoutingConfigurationListItem(stateMachineVersionArn="
            + M
            + ":1, weight=50), RoutingConfigurationListItem(stateMachineVersionArn="
            + M
            + ":2, weight=30), RoutingConfigurationListItem(stateMachineVersionArn="
            + M
            + ":3, weight=20)]' at 'routingConfiguration' failed to satisfy constraint: Member"
            + " must have length less than or equal to 2",
        () -> alias("a", route(M + ":1", 50), route(M + ":2", 30), route(M + ":3", 20)));
    assertFails(
        ValidationException.class,
        "Routing configuration must contain versions of the same state machine. Received: ["
            + M
            + ":1, "
            + SM
            + "other:1]",
        () -> alias("a", route(M + ":1", 50), route(SM + "other:1", 50)));
    assertFails(ResourceNotFoundException.class, NO_SUCH, () -> alias("a", route(M + ":7", 100)));
    for (String name : List.of("123", "INVALID ALIAS", "!INVALID", "ALIAS@")) {
      assertFails(
          ValidationException.class,
          "1 validation error detected: Value '"
              + name
              + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression"
              + " pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$",
          () -> alias(name, route(M + ":1", 100)));
    }
    String tooLong = "A".repeat(81);
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '"
            + tooLong
            + "' at 'name' failed to satisfy constraint: Member must have length less than or"
            + " equal to 80",
        () -> alias(tooLong, route(M + ":1", 100)));
    assertThat(aliasArns(M)).isEmpty();
    assertFails(
        StateMachineDoesNotExistException.class,
        "State Machine Does Not Exist: '" + SM + "none'",
        () -> aliasArns(SM + "none"));
    assertFails(ResourceNotFoundException.class, NO_SUCH, () -> aliasArns(M + ":9"));
  }

  @Test
  void aPageOfAliasesContinuesAfterItsLastAliasWasDeleted() {
    twoVersions();
    String a = alias("a", route(M + ":1", 100));
    String b = alias("b", route(M + ":1", 100));
    String c = alias("c", route(M + ":1", 100));
    var first = server.sfn.listStateMachineAliases(r -> r.stateMachineArn(M).maxResults(1));
    assertThat(first.stateMachineAliases())
        .extracting(StateMachineAliasListItem::stateMachineAliasArn)
        .containsExactly(a);
    server.sfn.deleteStateMachineAlias(r -> r.stateMachineAliasArn(a));

    var rest =
        server.sfn.listStateMachineAliases(r -> r.stateMachineArn(M).nextToken(first.nextToken()));
    assertThat(rest.stateMachineAliases())
        .extracting(StateMachineAliasListItem::stateMachineAliasArn)
        .containsExactly(b, c);
    assertThat(rest.nextToken()).isNull();
  }

  @Test
  void aVersionAnAliasRoutesToCannotBeDeleted() {
    twoVersions();
    alias("prod", route(M + ":1", 100));
    ConflictException e =
        catchThrowableOfType(
            ConflictException.class,
            () -> server.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(M + ":1")));
    assertThat(e.statusCode()).isEqualTo(409);
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Version to be deleted must not be referenced by an alias. Current list of aliases"
                + " referencing this version: [prod]");
    server.sfn.updateStateMachineAlias(
        b -> b.stateMachineAliasArn(M + ":prod").routingConfiguration(route(M + ":2", 100)));
    server.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(M + ":1"));
    assertThat(
            server.sfn.listStateMachineVersions(b -> b.stateMachineArn(M)).stateMachineVersions())
        .hasSize(1);
  }

  @Test
  void deletingTheStateMachineDeletesItsAliases() {
    twoVersions();
    alias("prod", route(M + ":1", 100));
    server.sfn.deleteStateMachine(b -> b.stateMachineArn(M));
    assertFails(
        ResourceNotFoundException.class,
        NO_SUCH,
        () -> server.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(M + ":prod")));
    assertFails(
        StateMachineDoesNotExistException.class,
        "State Machine Does Not Exist: '" + M + ":prod'",
        () -> server.sfn.startExecution(b -> b.stateMachineArn(M + ":prod")));
  }

  @Test
  void versionsAndAliasesSurviveARestart() throws Exception {
    server.close();
    ManualClock clock = new ManualClock(TestServer.START);
    Path data = dir.resolve("data");
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      twoVersions();
      alias("prod", route(M + ":2", 100));
      server.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(M + ":1"));
      server.close();
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      assertThat(server.sfn.describeStateMachine(b -> b.stateMachineArn(M + ":2")).definition())
          .isEqualTo(V2);
      var d = server.awaitClosed(server.start(M + ":prod", "after", "{}"));
      assertThat(d.output()).isEqualTo("2");
      assertThat(d.stateMachineVersionArn()).isEqualTo(M + ":2");
      // Version 1 was deleted: the next one is 3.
      server.sfn.updateStateMachine(b -> b.stateMachineArn(M).definition(V1));
      assertThat(
              server
                  .sfn
                  .publishStateMachineVersion(b -> b.stateMachineArn(M))
                  .stateMachineVersionArn())
          .isEqualTo(M + ":3");
      server.close();
    }
    server = new TestServer();
  }
}
