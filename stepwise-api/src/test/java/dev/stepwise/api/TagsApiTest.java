package dev.stepwise.api;

import static dev.stepwise.api.TestServer.ACTIVITY;
import static dev.stepwise.api.TestServer.EXEC;
import static dev.stepwise.api.TestServer.ROLE;
import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertFails;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TagResource, UntagResource and ListTagsForResource on state machines and activities. */
class TagsApiTest {
  private static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

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

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private List<Tag> tagsOf(String arn) {
    return server.sfn.listTagsForResource(b -> b.resourceArn(arn)).tags();
  }

  private static List<Tag> numbered(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> tag("k" + i, "v" + i)).toList();
  }

  @Test
  void aStateMachineIsTaggedRetaggedAndUntagged() {
    String sm =
        server
            .sfn
            .createStateMachine(
                b -> b.name("m").definition(PASS).roleArn(ROLE).tags(tag("team", "data")))
            .stateMachineArn();
    assertThat(tagsOf(sm)).containsExactly(tag("team", "data"));

    server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("cost", "42"), tag("team", "ops")));
    assertJson(
        server.call("ListTagsForResource", "{\"resourceArn\":\"" + sm + "\"}"),
        """
        {"tags":[{"key":"team","value":"ops"},{"key":"cost","value":"42"}]}
        """);

    server.sfn.untagResource(b -> b.resourceArn(sm).tagKeys("team", "absent"));
    assertThat(tagsOf(sm)).containsExactly(tag("cost", "42"));
    server.sfn.untagResource(b -> b.resourceArn(sm).tagKeys("cost"));
    assertJson(
        server.call("ListTagsForResource", "{\"resourceArn\":\"" + sm + "\"}"), "{\"tags\":[]}");
  }

  @Test
  void activitiesCarryTagsAndARepeatedCreateLeavesThemAlone() {
    String activity =
        server.sfn.createActivity(b -> b.name("a").tags(tag("k", "v"), tag("e", ""))).activityArn();
    assertThat(tagsOf(activity)).containsExactly(tag("k", "v"), tag("e", ""));
    server.sfn.createActivity(b -> b.name("a").tags(tag("other", "x")));
    assertThat(tagsOf(activity)).containsExactly(tag("k", "v"), tag("e", ""));
  }

  @Test
  void deletingAResourceDeletesItsTags() {
    String sm = server.create("m", PASS);
    server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("k", "v")));
    server.sfn.deleteStateMachine(b -> b.stateMachineArn(sm));
    assertThat(server.create("m", PASS)).isEqualTo(sm);
    assertThat(tagsOf(sm)).isEmpty();
    String activity = server.sfn.createActivity(b -> b.name("a").tags(tag("k", "v"))).activityArn();
    server.sfn.deleteActivity(b -> b.activityArn(activity));
    server.sfn.createActivity(b -> b.name("a"));
    assertThat(tagsOf(activity)).isEmpty();
  }

  @Test
  void onlyExistingStateMachinesAndActivitiesAreFound() {
    String sm = server.create("m", PASS);
    for (String arn : List.of(SM + "other", sm + ":1", ACTIVITY + "none", EXEC + "m:run")) {
      assertFails(
          ResourceNotFoundException.class,
          "Resource not found: '" + arn + "'",
          () -> server.sfn.listTagsForResource(b -> b.resourceArn(arn)));
    }
    assertJson(
        server.call("TagResource", "{\"resourceArn\":\"" + SM + "other\",\"tags\":[]}"),
        """
        {"__type":"ResourceNotFound",
         "message":"Resource not found: 'arn:aws:states:us-east-1:123456789012:stateMachine:other'",
         "resourceName":"arn:aws:states:us-east-1:123456789012:stateMachine:other"}
        """);
    assertFails(
        ResourceNotFoundException.class,
        "Resource not found: '" + SM + "other'",
        () -> server.sfn.untagResource(b -> b.resourceArn(SM + "other").tagKeys("k")));
    assertFails(
        InvalidArnException.class,
        "Invalid Arn: 'Invalid ARN prefix: nope'",
        () -> server.sfn.tagResource(b -> b.resourceArn("nope").tags(tag("k", "v"))));
  }

  @Test
  void fiftyTagsAreTheLimit() {
    String sm = server.create("m", PASS);
    server.sfn.tagResource(b -> b.resourceArn(sm).tags(numbered(0, 50)));
    // Replacing a value adds no tag.
    server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("k0", "new")));
    assertThat(tagsOf(sm)).hasSize(50).first().isEqualTo(tag("k0", "new"));
    String tooMany = "Too many tags: a resource can have at most 50 tags: '" + SM + "m'";
    assertFails(
        TooManyTagsException.class,
        tooMany,
        () -> server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("one", "more"))));
    assertThat(tagsOf(sm)).hasSize(50);
    assertJson(
        server.call(
            "TagResource",
            "{\"resourceArn\":\"" + sm + "\",\"tags\":[{\"key\":\"x\",\"value\":\"y\"}]}"),
        "{\"__type\":\"TooManyTags\",\"message\":\""
            + tooMany
            + "\",\"resourceName\":\""
            + sm
            + "\"}");
    List<Tag> fiftyOne = new ArrayList<>(numbered(0, 51));
    assertFails(
        TooManyTagsException.class,
        "Too many tags: a resource can have at most 50 tags: '" + ACTIVITY + "a'",
        () -> server.sfn.createActivity(b -> b.name("a").tags(fiftyOne)));
    assertFails(
        TooManyTagsException.class,
        "Too many tags: a resource can have at most 50 tags: '" + SM + "n'",
        () ->
            server.sfn.createStateMachine(
                b -> b.name("n").definition(PASS).roleArn(ROLE).tags(fiftyOne)));
  }

  @Test
  void keysAndValuesMeetAwsConstraints() {
    String sm = server.create("m", PASS);
    String longKey = "k".repeat(129);
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '"
            + longKey
            + "' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less"
            + " than or equal to 128",
        () -> server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag(longKey, "v"))));
    String longValue = "v".repeat(257);
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '"
            + longValue
            + "' at 'tags.2.member.value' failed to satisfy constraint: Member must have length"
            + " less than or equal to 256",
        () ->
            server.sfn.tagResource(
                b -> b.resourceArn(sm).tags(tag("ok", "v"), tag("long", longValue))));
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy"
            + " constraint: Member must have length greater than or equal to 1",
        () -> server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("", "v"))));
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value 'a#b' at 'tags.1.member.key' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern:"
            + " ^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$",
        () -> server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("a#b", "v"))));
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value 'aws:owner' at 'tags.1.member.key' failed to"
            + " satisfy constraint: Member must not start with 'aws:'",
        () -> server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("aws:owner", "v"))));
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member"
            + " must not be null",
        () -> server.sfn.tagResource(b -> b.resourceArn(sm)));
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint:"
            + " Member must not be null",
        () -> server.sfn.untagResource(b -> b.resourceArn(sm)));
    // Letters of any script, digits, spaces and the allowed symbols are fine.
    server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("Équipe 1_.:/=+-@", "数据 ok")));
    assertThat(tagsOf(sm)).containsExactly(tag("Équipe 1_.:/=+-@", "数据 ok"));
  }

  @Test
  void tagsSurviveARestart() throws Exception {
    server.close();
    ManualClock clock = new ManualClock(TestServer.START);
    Path data = dir.resolve("data");
    String sm;
    String activity;
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      sm = server.create("m", PASS);
      server.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("b", "2"), tag("a", "1")));
      activity = server.sfn.createActivity(b -> b.name("w").tags(tag("x", "y"))).activityArn();
      server.close();
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      assertThat(tagsOf(sm)).containsExactly(tag("b", "2"), tag("a", "1"));
      assertThat(tagsOf(activity)).containsExactly(tag("x", "y"));
      server.sfn.untagResource(b -> b.resourceArn(sm).tagKeys("b"));
      server.close();
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      assertThat(tagsOf(sm)).containsExactly(tag("a", "1"));
      server.close();
    }
    server = new TestServer();
  }
}
