package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.integrations.aws.StandIn;
import dev.stepwise.language.json.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code serve} calling real services on a local stand-in (moto), configured the ways users
 * configure Step Functions Local: whole executions and histories through the Step Functions API.
 */
class AwsIntegrationsServeTest {
  private static final StaticCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "SECRET"));
  private static final String ROLE = "arn:aws:iam::123456789012:role/r";

  private static StandIn moto;
  private static Process serve;
  private static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    moto = StandIn.moto().orElse(null);
    if (moto == null) {
      return;
    }
    int port = ServeProcess.freePort();
    String url = moto.endpoint().toString();
    serve =
        ServeProcess.start(
            port,
            Map.of(
                "AWS_ACCESS_KEY_ID",
                "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY",
                "SECRET",
                // The AWS SDKs' variable, Step Functions Local's variable and flag, and ours.
                "AWS_ENDPOINT_URL_S3",
                url,
                "SQS_ENDPOINT",
                url),
            "--sns-endpoint",
            url,
            "--endpoint",
            "dynamodb=" + url,
            "--endpoint",
            "eventbridge=" + url,
            "--store",
            "memory");
    sfn = sfnAt(port);
  }

  @AfterAll
  static void stop() {
    if (sfn != null) {
      sfn.close();
    }
    if (serve != null) {
      serve.destroy();
    }
    if (moto != null) {
      moto.close();
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String machine(String definition) {
    return sfn.createStateMachine(
            r -> r.name(unique("m")).roleArn(ROLE).definition(definition.replace('\'', '"')))
        .stateMachineArn();
  }

  private static DescribeExecutionResponse run(String machineArn, String input) throws Exception {
    String arn =
        sfn.startExecution(r -> r.stateMachineArn(machineArn).input(input.replace('\'', '"')))
            .executionArn();
    return awaitEnd(arn);
  }

  private static DescribeExecutionResponse awaitEnd(String executionArn) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(executionArn));
      if (d.status() != ExecutionStatus.RUNNING) {
        return d;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("still running: " + executionArn);
  }

  private static List<HistoryEvent> history(String executionArn) {
    return sfn.getExecutionHistory(r -> r.executionArn(executionArn)).events();
  }

  private static List<String> types(String executionArn) {
    return history(executionArn).stream().map(HistoryEvent::typeAsString).toList();
  }

  private static <T extends software.amazon.awssdk.core.SdkClient> T client(
      software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, T> builder) {
    return builder
        .region(Region.US_EAST_1)
        .credentialsProvider(KEYS)
        .endpointOverride(moto.endpoint())
        .build();
  }

  private static JsonNode json(String text) {
    return Json.parseTrusted(text.replace('\'', '"'));
  }

  private static String normalised(String text) {
    return text.replaceAll("Request ID: [^,;)]+", "Request ID: <id>");
  }

  @Test
  void putThenGetAnItemAndCatchAFailedCondition() throws Exception {
    assumeTrue(moto != null);
    String table = unique("items");
    try (DynamoDbClient dynamo = client(DynamoDbClient.builder())) {
      dynamo.createTable(
          r ->
              r.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .keySchema(
                      KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName("id")
                          .attributeType(ScalarAttributeType.S)
                          .build()));
    }
    String arn =
        machine(
            """
            {'StartAt': 'Put', 'States': {
              'Put': {'Type': 'Task', 'Resource': 'arn:aws:states:::dynamodb:putItem',
                'Parameters': {'TableName.$': '$.table', 'Item': {'id': {'S': 'id1'}, 'data': {'S': 'HelloWorld'}}},
                'ResultPath': null, 'Next': 'Get'},
              'Get': {'Type': 'Task', 'Resource': 'arn:aws:states:::aws-sdk:dynamodb:getItem',
                'Parameters': {'TableName.$': '$.table', 'Key': {'id': {'S': 'id1'}}},
                'ResultPath': '$.got', 'Next': 'PutAgain'},
              'PutAgain': {'Type': 'Task', 'Resource': 'arn:aws:states:::aws-sdk:dynamodb:putItem',
                'Parameters': {'TableName.$': '$.table', 'Item': {'id': {'S': 'id1'}},
                  'ConditionExpression': 'attribute_not_exists(id)'},
                'Catch': [{'ErrorEquals': ['DynamoDb.ConditionalCheckFailedException'], 'ResultPath': '$.caught', 'Next': 'Caught'}],
                'End': true},
              'Caught': {'Type': 'Pass', 'End': true}}}
            """);
    DescribeExecutionResponse done = run(arn, "{'table': '" + table + "'}");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(json(normalised(done.output())))
        .isEqualTo(
            json(
                "{'table': '"
                    + table
                    + "', 'got': {'Item': {'id': {'S': 'id1'}, 'data': {'S': 'HelloWorld'}}},"
                    + " 'caught': {'Error': 'DynamoDb.ConditionalCheckFailedException', 'Cause':"
                    + " 'The conditional request failed (Service: DynamoDb, Status Code: 400,"
                    + " Request ID: <id>)'}}"));
    assertThat(types(done.executionArn()))
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
    HistoryEvent scheduled = history(done.executionArn()).get(2);
    assertThat(scheduled.taskScheduledEventDetails().resourceType()).isEqualTo("dynamodb");
    assertThat(scheduled.taskScheduledEventDetails().resource()).isEqualTo("putItem");
    HistoryEvent failed = history(done.executionArn()).get(14);
    assertThat(failed.taskFailedEventDetails().resourceType()).isEqualTo("aws-sdk:dynamodb");
    assertThat(failed.taskFailedEventDetails().error())
        .isEqualTo("DynamoDb.ConditionalCheckFailedException");
  }

  @Test
  void aWorkerAnswersTheTokenItReadFromTheQueue() throws Exception {
    assumeTrue(moto != null);
    try (SqsClient sqs = client(SqsClient.builder())) {
      String queue = sqs.createQueue(r -> r.queueName(unique("work"))).queueUrl();
      String arn =
          machine(
              """
              {'StartAt': 'Send', 'States': {
                'Send': {'Type': 'Task', 'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                  'Parameters': {'QueueUrl.$': '$.queue', 'MessageBody': {'Message.$': '$.message', 'TaskToken.$': '$$.Task.Token'}},
                  'HeartbeatSeconds': 60, 'End': true}}}
              """);
      String execution =
          sfn.startExecution(
                  r ->
                      r.stateMachineArn(arn)
                          .input("{\"queue\": \"" + queue + "\", \"message\": \"work item\"}"))
              .executionArn();
      Message message = receiveOne(sqs, queue);
      // The message is on the queue before SendMessage's answer reaches Stepwise: a worker that
      // answers at once can overtake TaskSubmitted (docs/compatibility.md). This one waits for it.
      awaitEvent(sfn, execution, "TaskSubmitted");
      JsonNode body = Json.parseTrusted(message.body());
      assertThat(body.get("Message").asText()).isEqualTo("work item");
      sfn.sendTaskSuccess(
          r -> r.taskToken(body.get("TaskToken").asText()).output("{\"done\": \"work item\"}"));
      DescribeExecutionResponse done = awaitEnd(execution);
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(json(done.output())).isEqualTo(json("{'done': 'work item'}"));
      assertThat(types(execution))
          .containsExactly(
              "ExecutionStarted",
              "TaskStateEntered",
              "TaskScheduled",
              "TaskStarted",
              "TaskSubmitted",
              "TaskSucceeded",
              "TaskStateExited",
              "ExecutionSucceeded");
      JsonNode submitted =
          Json.parseTrusted(history(execution).get(4).taskSubmittedEventDetails().output());
      List<String> names = new java.util.ArrayList<>();
      submitted.fieldNames().forEachRemaining(names::add);
      assertThat(names)
          .containsExactly(
              "MD5OfMessageBody", "MessageId", "SdkHttpMetadata", "SdkResponseMetadata");
      assertThat(submitted.get("MessageId").asText()).isEqualTo(message.messageId());
    }
  }

  @Test
  void aCallbackSubmittedBeforeAKillIsAnsweredAfterTheRestartWithoutASecondMessage(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
    assumeTrue(moto != null);
    Map<String, String> env =
        Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDTEST",
            "AWS_SECRET_ACCESS_KEY", "SECRET",
            "AWS_ENDPOINT_URL_SQS", moto.endpoint().toString());
    try (SqsClient sqs = client(SqsClient.builder())) {
      String queue = sqs.createQueue(r -> r.queueName(unique("crash"))).queueUrl();
      int port = ServeProcess.freePort();
      Process first = ServeProcess.start(port, env, "--data-dir", data.toString());
      String execution;
      String token;
      try (SfnClient api = sfnAt(port)) {
        String arn =
            api.createStateMachine(
                    r ->
                        r.name(unique("m"))
                            .roleArn(ROLE)
                            .definition(
                                ("{'StartAt': 'Send', 'States': {'Send': {'Type': 'Task',"
                                        + " 'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                                        + " 'Parameters': {'QueueUrl': '"
                                        + queue
                                        + "', 'MessageBody': {'TaskToken.$': '$$.Task.Token'}},"
                                        + " 'End': true}}}")
                                    .replace('\'', '"')))
                .stateMachineArn();
        execution = api.startExecution(r -> r.stateMachineArn(arn)).executionArn();
        token = Json.parseTrusted(receiveOne(sqs, queue).body()).get("TaskToken").asText();
        awaitEvent(api, execution, "TaskSubmitted");
      }
      first.destroyForcibly().waitFor();
      Process second = ServeProcess.start(port, env, "--data-dir", data.toString());
      try (SfnClient api = sfnAt(port)) {
        api.sendTaskSuccess(r -> r.taskToken(token).output("\"answered\""));
        awaitEvent(api, execution, "ExecutionSucceeded");
        assertThat(
                api.getExecutionHistory(r -> r.executionArn(execution)).events().stream()
                    .map(HistoryEvent::typeAsString)
                    .toList())
            .containsExactly(
                "ExecutionStarted",
                "TaskStateEntered",
                "TaskScheduled",
                "TaskStarted",
                "TaskSubmitted",
                "TaskSucceeded",
                "TaskStateExited",
                "ExecutionSucceeded");
        assertThat(api.describeExecution(r -> r.executionArn(execution)).output())
            .isEqualTo("\"answered\"");
      } finally {
        second.destroy();
        second.waitFor();
      }
      // The submitted task was resumed, not sent again: the one message is still in flight.
      Map<String, String> counts =
          sqs.getQueueAttributes(
                  r ->
                      r.queueUrl(queue)
                          .attributeNamesWithStrings(
                              "ApproximateNumberOfMessages",
                              "ApproximateNumberOfMessagesNotVisible"))
              .attributesAsStrings();
      assertThat(counts)
          .containsEntry("ApproximateNumberOfMessages", "0")
          .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
    }
  }

  private static SfnClient sfnAt(int port) {
    return SfnClient.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(KEYS)
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .build();
  }

  private static void awaitEvent(SfnClient api, String execution, String type) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      if (api.getExecutionHistory(r -> r.executionArn(execution)).events().stream()
          .anyMatch(e -> e.typeAsString().equals(type))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + type + " in " + execution);
  }

  private static Message receiveOne(SqsClient sqs, String queue) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      List<Message> got =
          sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1).maxNumberOfMessages(1))
              .messages();
      if (!got.isEmpty()) {
        return got.getFirst();
      }
    }
    throw new AssertionError("no message on " + queue);
  }

  @Test
  void aMissingTableIsRetriedThenCaughtByItsName() throws Exception {
    assumeTrue(moto != null);
    String arn =
        machine(
            """
            {'StartAt': 'Get', 'States': {
              'Get': {'Type': 'Task', 'Resource': 'arn:aws:states:::dynamodb:getItem',
                'Parameters': {'TableName': 'no-such-table', 'Key': {'id': {'S': 'a'}}},
                'Retry': [{'ErrorEquals': ['DynamoDB.ResourceNotFoundException'], 'IntervalSeconds': 1, 'MaxAttempts': 1}],
                'Catch': [{'ErrorEquals': ['DynamoDB.ResourceNotFoundException'], 'Next': 'Missing'}],
                'End': true},
              'Missing': {'Type': 'Pass', 'End': true}}}
            """);
    DescribeExecutionResponse done = run(arn, "{}");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(json(normalised(done.output())))
        .isEqualTo(
            json(
                "{'Error': 'DynamoDB.ResourceNotFoundException', 'Cause': 'Requested resource not"
                    + " found (Service: AmazonDynamoDBv2; Status Code: 400; Error Code:"
                    + " ResourceNotFoundException; Request ID: <id>; Proxy: null)'}"));
    assertThat(types(done.executionArn()))
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void aCallbackWithoutHeartbeatsTimesOut() throws Exception {
    assumeTrue(moto != null);
    String queue;
    try (SqsClient sqs = client(SqsClient.builder())) {
      queue = sqs.createQueue(r -> r.queueName(unique("silent"))).queueUrl();
    }
    String arn =
        machine(
            """
            {'StartAt': 'Send', 'States': {
              'Send': {'Type': 'Task', 'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                'Parameters': {'QueueUrl.$': '$.queue', 'MessageBody': {'TaskToken.$': '$$.Task.Token'}},
                'HeartbeatSeconds': 1, 'End': true}}}
            """);
    DescribeExecutionResponse done = run(arn, "{'queue': '" + queue + "'}");
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    // As AWS records it (shared spec, nested-workflows: heartbeat expiry is States.Timeout).
    assertThat(done.error()).isEqualTo("States.Timeout");
    assertThat(types(done.executionArn()))
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSubmitted",
            "TaskTimedOut",
            "ExecutionFailed");
  }

  @Test
  void putThenGetAnObject() throws Exception {
    assumeTrue(moto != null);
    String bucket = unique("bucket");
    try (S3Client s3 = client(S3Client.builder().forcePathStyle(true))) {
      s3.createBucket(r -> r.bucket(bucket));
    }
    String arn =
        machine(
            """
            {'StartAt': 'Put', 'States': {
              'Put': {'Type': 'Task', 'Resource': 'arn:aws:states:::aws-sdk:s3:putObject',
                'Parameters': {'Bucket.$': '$.bucket', 'Key': 'hello.txt', 'Body': 'Hello, S3!'},
                'ResultSelector': {'ETag.$': '$.ETag'}, 'ResultPath': '$.put', 'Next': 'Get'},
              'Get': {'Type': 'Task', 'Resource': 'arn:aws:states:::aws-sdk:s3:getObject',
                'Parameters': {'Bucket.$': '$.bucket', 'Key': 'hello.txt'},
                'ResultSelector': {'Body.$': '$.Body', 'ContentLength.$': '$.ContentLength', 'ETag.$': '$.ETag'},
                'ResultPath': '$.got', 'End': true}}}
            """);
    DescribeExecutionResponse done = run(arn, "{'bucket': '" + bucket + "'}");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String etag = "\\\"" + md5("Hello, S3!") + "\\\"";
    assertThat(json(done.output()))
        .isEqualTo(
            json(
                "{'bucket': '"
                    + bucket
                    + "', 'put': {'ETag': '"
                    + etag
                    + "'}, 'got': {'Body': 'Hello, S3!', 'ContentLength': 10, 'ETag': '"
                    + etag
                    + "'}}"));
  }

  @Test
  void putAnEvent() throws Exception {
    assumeTrue(moto != null);
    String arn =
        machine(
            """
            {'StartAt': 'Put', 'States': {
              'Put': {'Type': 'Task', 'Resource': 'arn:aws:states:::events:putEvents',
                'Parameters': {'Entries': [{'Detail': {'Message': 'MyMessage'}, 'DetailType': 'MyDetailType', 'Source': 'my.source'}]},
                'ResultSelector': {'FailedEntryCount.$': '$.FailedEntryCount', 'Entries.$': '$.Entries[*].ErrorCode'},
                'End': true}}}
            """);
    DescribeExecutionResponse done = run(arn, "{}");
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(json(done.output())).isEqualTo(json("{'FailedEntryCount': 0, 'Entries': []}"));
    assertThat(types(done.executionArn()))
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void anUnknownActionIsRejectedAtCreation() {
    assumeTrue(moto != null);
    assertThatThrownBy(
            () ->
                machine(
                    "{'StartAt': 'X', 'States': {'X': {'Type': 'Task', 'Resource':"
                        + " 'arn:aws:states:::aws-sdk:dynamodb:putItems', 'End': true}}}"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource provided"
                + " arn:aws:states:::aws-sdk:dynamodb:putItems is not recognized. The value is not"
                + " a valid resource ARN, or the resource is not available in this region. at"
                + " /States/X/Resource'");
  }

  private static String md5(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
