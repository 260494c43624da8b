package dev.stepwise.integrations.aws;

import static dev.stepwise.integrations.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.integrations.RecordingCallbacks;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import dev.stepwise.integrations.Requests;
import dev.stepwise.integrations.ServiceEndpoints;
import dev.stepwise.language.json.Json;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@code aws-sdk:<service>:<action>} against moto: requests and results from the SDK's models. */
class AwsSdkTasksTest {
  private static StandIn moto;
  private static AwsIntegrations aws;

  @BeforeAll
  static void start() throws Exception {
    moto = StandIn.moto().orElse(null);
    if (moto != null) {
      aws = AwsIntegrations.create(settings(moto));
    }
  }

  static AwsSettings settings(StandIn moto) {
    Map<String, java.net.URI> all = new java.util.TreeMap<>();
    for (AwsService s : AwsServices.all()) {
      all.put(s.key(), moto.endpoint());
    }
    return AwsSettings.region("us-east-1")
        .withEndpoints(new ServiceEndpoints(all))
        .withCredentials(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "SECRET")));
  }

  @AfterAll
  static void stop() {
    if (aws != null) {
      aws.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  static Event run(AwsIntegrations aws, String resource, String parameters) {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    var request = Requests.task("S", resource, parameters);
    if (OptimizedTasks.serves(request.resource())) {
      aws.optimized().dispatch(request, callbacks);
    } else {
      aws.sdk().dispatch(request, callbacks);
    }
    return callbacks.outcome();
  }

  static JsonNode ok(AwsIntegrations aws, String resource, String parameters) {
    Event e = run(aws, resource, parameters);
    assertThat(e).isInstanceOf(Event.Succeeded.class);
    return ((Event.Succeeded) e).output();
  }

  /** Request ids differ on each call: the rest of a cause is compared exactly. */
  static String normalised(String cause) {
    return cause.replaceAll("Request ID: [^,;)]+", "Request ID: <id>");
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static void createTable(AwsIntegrations aws, String table) {
    JsonNode created =
        ok(
            aws,
            "arn:aws:states:::aws-sdk:dynamodb:createTable",
            "{\"TableName\": \""
                + table
                + "\", \"KeySchema\": [{\"AttributeName\": \"id\", \"KeyType\": \"HASH\"}],"
                + " \"AttributeDefinitions\": [{\"AttributeName\": \"id\", \"AttributeType\": \"S\"}],"
                + " \"BillingMode\": \"PAY_PER_REQUEST\"}");
    assertThat(created.at("/TableDescription/TableName").asText()).isEqualTo(table);
    assertThat(created.at("/TableDescription/KeySchema"))
        .isEqualTo(json("[{\"AttributeName\": \"id\", \"KeyType\": \"HASH\"}]"));
  }

  @Test
  void putThenGetAnItem() {
    assumeTrue(moto != null);
    String table = unique("items");
    createTable(aws, table);
    assertThat(
            ok(
                aws,
                "arn:aws:states:::aws-sdk:dynamodb:putItem",
                "{\"TableName\": \""
                    + table
                    + "\", \"Item\": {\"id\": {\"S\": \"id1\"}, \"data\": {\"S\": \"HelloWorld\"}}}"))
        .isEqualTo(json("{}"));
    assertThat(
            ok(
                aws,
                "arn:aws:states:::aws-sdk:dynamodb:getItem",
                "{\"TableName\": \"" + table + "\", \"Key\": {\"id\": {\"S\": \"id1\"}}}"))
        .isEqualTo(
            json("{\"Item\": {\"id\": {\"S\": \"id1\"}, \"data\": {\"S\": \"HelloWorld\"}}}"));
  }

  @Test
  void aFailedConditionIsTheServicesExceptionByName() {
    assumeTrue(moto != null);
    String table = unique("cond");
    createTable(aws, table);
    String put =
        "{\"TableName\": \""
            + table
            + "\", \"Item\": {\"id\": {\"S\": \"a\"}},"
            + " \"ConditionExpression\": \"attribute_not_exists(id)\"}";
    ok(aws, "arn:aws:states:::aws-sdk:dynamodb:putItem", put);
    Event second = run(aws, "arn:aws:states:::aws-sdk:dynamodb:putItem", put);
    assertThat(second).isInstanceOf(Event.Failed.class);
    Event.Failed failed = (Event.Failed) second;
    assertThat(failed.error()).isEqualTo("DynamoDb.ConditionalCheckFailedException");
    assertThat(normalised(failed.cause()))
        .isEqualTo(
            "The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID:"
                + " <id>)");
  }

  @Test
  void aMissingTableIsResourceNotFound() {
    assumeTrue(moto != null);
    Event e =
        run(
            aws,
            "arn:aws:states:::aws-sdk:dynamodb:putItem",
            "{\"TableName\": \"no-such-table\", \"Item\": {\"id\": {\"S\": \"a\"}}}");
    assertThat(e).isInstanceOf(Event.Failed.class);
    assertThat(((Event.Failed) e).error()).isEqualTo("DynamoDb.ResourceNotFoundException");
    assertThat(normalised(((Event.Failed) e).cause()))
        .isEqualTo(
            "Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: <id>)");
  }

  @Test
  void putThenGetAnObject() {
    assumeTrue(moto != null);
    String bucket = unique("bucket");
    assertThat(
            ok(aws, "arn:aws:states:::aws-sdk:s3:createBucket", "{\"Bucket\": \"" + bucket + "\"}"))
        .isEqualTo(json("{\"Location\": \"/" + bucket + "\"}"));
    JsonNode put =
        ok(
            aws,
            "arn:aws:states:::aws-sdk:s3:putObject",
            "{\"Bucket\": \"" + bucket + "\", \"Key\": \"a/b.json\", \"Body\": {\"hello\": 1}}");
    assertThat(put.get("ETag").asText()).isEqualTo("\"" + md5("{\"hello\":1}") + "\"");
    JsonNode got =
        ok(
            aws,
            "arn:aws:states:::aws-sdk:s3:getObject",
            "{\"Bucket\": \"" + bucket + "\", \"Key\": \"a/b.json\"}");
    assertThat(got.get("Body").asText()).isEqualTo("{\"hello\":1}");
    assertThat(got.get("ContentLength").asLong()).isEqualTo(11);
    JsonNode listed =
        ok(aws, "arn:aws:states:::aws-sdk:s3:listObjectsV2", "{\"Bucket\": \"" + bucket + "\"}");
    assertThat(listed.at("/Contents/0/Key").asText()).isEqualTo("a/b.json");
    assertThat(listed.get("KeyCount").asInt()).isEqualTo(1);
  }

  @Test
  void theSharedS3ClientReadsWhatATaskWrote() {
    assumeTrue(moto != null);
    String bucket = unique("shared");
    ok(aws, "arn:aws:states:::aws-sdk:s3:createBucket", "{\"Bucket\": \"" + bucket + "\"}");
    ok(
        aws,
        "arn:aws:states:::aws-sdk:s3:putObject",
        "{\"Bucket\": \"" + bucket + "\", \"Key\": \"items.json\", \"Body\": \"[1,2,3]\"}");
    assertThat(
            aws.clients()
                .s3()
                .getObjectAsBytes(r -> r.bucket(bucket).key("items.json"))
                .asUtf8String())
        .isEqualTo("[1,2,3]");
  }

  @Test
  void aMissingKeyIsNoSuchKey() {
    assumeTrue(moto != null);
    String bucket = unique("bucket");
    ok(aws, "arn:aws:states:::aws-sdk:s3:createBucket", "{\"Bucket\": \"" + bucket + "\"}");
    Event e =
        run(
            aws,
            "arn:aws:states:::aws-sdk:s3:getObject",
            "{\"Bucket\": \"" + bucket + "\", \"Key\": \"nothing\"}");
    assertThat(((Event.Failed) e).error()).isEqualTo("S3.NoSuchKeyException");
    assertThat(normalised(((Event.Failed) e).cause()))
        .startsWith(
            "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: <id>");
  }

  @Test
  void secretsAndParametersAndKeys() {
    assumeTrue(moto != null);
    String name = unique("secret");
    JsonNode created =
        ok(
            aws,
            "arn:aws:states:::aws-sdk:secretsmanager:createSecret",
            "{\"Name\": \"" + name + "\", \"SecretString\": \"HelloWorld\"}");
    assertThat(created.get("Name").asText()).isEqualTo(name);
    assertThat(
            ok(
                    aws,
                    "arn:aws:states:::aws-sdk:secretsmanager:getSecretValue",
                    "{\"SecretId\": \"" + name + "\"}")
                .get("SecretString")
                .asText())
        .isEqualTo("HelloWorld");
    String parameter = "/" + unique("param");
    assertThat(
            ok(
                aws,
                "arn:aws:states:::aws-sdk:ssm:putParameter",
                "{\"Name\": \"" + parameter + "\", \"Value\": \"v1\", \"Type\": \"String\"}"))
        .isEqualTo(json("{\"Version\": 1, \"Tier\": \"Standard\"}"));
    assertThat(
            ok(
                    aws,
                    "arn:aws:states:::aws-sdk:ssm:getParameter",
                    "{\"Name\": \"" + parameter + "\"}")
                .at("/Parameter/Value")
                .asText())
        .isEqualTo("v1");
    String key =
        ok(aws, "arn:aws:states:::aws-sdk:kms:createKey", "{}").at("/KeyMetadata/KeyId").asText();
    JsonNode encrypted =
        ok(
            aws,
            "arn:aws:states:::aws-sdk:kms:encrypt",
            "{\"KeyId\": \"" + key + "\", \"Plaintext\": \"hello, kms\"}");
    JsonNode decrypted =
        ok(
            aws,
            "arn:aws:states:::aws-sdk:kms:decrypt",
            "{\"CiphertextBlob\": \"" + encrypted.get("CiphertextBlob").asText() + "\"}");
    // Binary comes out as base64 and goes back in as it came; text stays text.
    assertThat(encrypted.get("CiphertextBlob").asText()).matches("[A-Za-z0-9+/]+=*");
    assertThat(decrypted.get("Plaintext").asText()).isEqualTo("hello, kms");
  }

  @Test
  void aFieldTheApiDoesNotHaveIsARuntimeError() {
    assumeTrue(moto != null);
    Event e =
        run(
            aws,
            "arn:aws:states:::aws-sdk:dynamodb:getItem",
            "{\"TableName\": \"t\", \"Kee\": {}}");
    assertThat(e)
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The field 'Kee' is not supported by this API. Supported fields: TableName, Key,"
                    + " AttributesToGet, ConsistentRead, ReturnConsumedCapacity,"
                    + " ProjectionExpression, ExpressionAttributeNames"));
  }

  @Test
  void aTasksRoleIsAssumedThroughStsWhereIamIsEnforced() {
    assumeTrue(moto != null);
    String role = "arn:aws:iam::123456789012:role/worker";
    try (AwsIntegrations enforced =
        AwsIntegrations.create(settings(moto).withAssumedTaskRoles(true))) {
      assertThat(callerWithRole(enforced, role))
          .isEqualTo("arn:aws:sts::123456789012:assumed-role/worker/stepwise-task");
    }
    // IAM not enforced: the configured credentials, whatever the Task says.
    assertThat(callerWithRole(aws, role)).doesNotContain("assumed-role");
  }

  private static String callerWithRole(AwsIntegrations aws, String role) {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    var plain = Requests.task("S", "arn:aws:states:::aws-sdk:sts:getCallerIdentity", "{}");
    aws.sdk()
        .dispatch(
            new dev.stepwise.engine.task.TaskRequest(
                plain.executionArn(),
                plain.taskId(),
                plain.stateName(),
                plain.resource(),
                plain.parameters(),
                null,
                null,
                null,
                json("{\"RoleArn\": \"" + role + "\"}")),
            callbacks);
    return ((Event.Succeeded) callbacks.outcome()).output().get("Arn").asText();
  }

  @Test
  void aServiceWithoutAModuleSaysSo() {
    AwsIntegrations offline = AwsIntegrations.create(AwsSettings.region("us-east-1"));
    Event e = run(offline, "arn:aws:states:::aws-sdk:ec2:describeInstances", "{}");
    offline.close();
    assertThat(((Event.Failed) e).error()).isEqualTo("Stepwise.IntegrationNotConfigured");
  }

  @Test
  void aCallThatGetsNoAnswerIsAnSdkClientException() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    AwsIntegrations nowhere =
        AwsIntegrations.create(
            AwsSettings.region("us-east-1")
                .withEndpoints(
                    new ServiceEndpoints(
                        Map.of("dynamodb", java.net.URI.create("http://127.0.0.1:" + closed))))
                .withCredentials(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDTEST", "SECRET-NOT-IN-CAUSE"))));
    Event e = run(nowhere, "arn:aws:states:::aws-sdk:dynamodb:listTables", "{}");
    Event o =
        run(
            nowhere,
            "arn:aws:states:::dynamodb:getItem",
            "{\"TableName\": \"t\", \"Key\": {\"id\": {\"S\": \"a\"}}}");
    nowhere.close();
    assertThat(((Event.Failed) e).error()).isEqualTo("DynamoDb.SdkClientException");
    assertThat(((Event.Failed) e).cause())
        .startsWith("Unable to execute HTTP request: ")
        .doesNotContain("SECRET")
        .doesNotContain("\tat ");
    assertThat(((Event.Failed) o).error()).isEqualTo("DynamoDB.SdkClientException");
    assertThat(((Event.Failed) o).cause())
        .startsWith("Unable to execute HTTP request: ")
        .doesNotContain("SECRET");
  }

  static String md5(String text) {
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("MD5")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String write(JsonNode node) {
    return Json.write(node);
  }
}
