package dev.stepwise.integrations.aws;

import static dev.stepwise.integrations.Requests.json;
import static dev.stepwise.integrations.aws.AwsSdkTasksTest.normalised;
import static dev.stepwise.integrations.aws.AwsSdkTasksTest.ok;
import static dev.stepwise.integrations.aws.AwsSdkTasksTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.RecordingCallbacks;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import dev.stepwise.integrations.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The optimized SQS, SNS, DynamoDB and EventBridge integrations against moto. */
class OptimizedTasksTest {
  private static StandIn moto;
  private static AwsIntegrations aws;

  @BeforeAll
  static void start() throws Exception {
    moto = StandIn.moto().orElse(null);
    if (moto != null) {
      aws = AwsIntegrations.create(AwsSdkTasksTest.settings(moto));
    }
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

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The metadata the SDK v1 adds, with the headers' values that vary by call removed. */
  private static ObjectNode withoutMetadata(JsonNode result) {
    ObjectNode copy = result.deepCopy();
    assertThat(copy.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(copy.at("/SdkHttpMetadata/AllHttpHeaders").isObject()).isTrue();
    assertThat(copy.at("/SdkHttpMetadata/HttpHeaders").isObject()).isTrue();
    assertThat(copy.at("/SdkResponseMetadata/RequestId").isTextual()).isTrue();
    copy.remove("SdkHttpMetadata");
    copy.remove("SdkResponseMetadata");
    return copy;
  }

  @Test
  void sendMessageSendsAnObjectBodyAsJsonText() {
    assumeTrue(moto != null);
    String url =
        ok(
                aws,
                "arn:aws:states:::aws-sdk:sqs:createQueue",
                "{\"QueueName\": \"" + unique("q") + "\"}")
            .get("QueueUrl")
            .asText();
    JsonNode sent =
        ok(
            aws,
            "arn:aws:states:::sqs:sendMessage",
            "{\"QueueUrl\": \"" + url + "\", \"MessageBody\": {\"hello\": \"world\"}}");
    assertThat(names(sent))
        .containsExactly("MD5OfMessageBody", "MessageId", "SdkHttpMetadata", "SdkResponseMetadata");
    assertThat(sent.get("MD5OfMessageBody").asText())
        .isEqualTo(AwsSdkTasksTest.md5("{\"hello\":\"world\"}"));
    JsonNode received =
        ok(aws, "arn:aws:states:::aws-sdk:sqs:receiveMessage", "{\"QueueUrl\": \"" + url + "\"}");
    assertThat(received.at("/Messages/0/Body").asText()).isEqualTo("{\"hello\":\"world\"}");
    assertThat(received.at("/Messages/0/MessageId").asText())
        .isEqualTo(sent.get("MessageId").asText());
  }

  @Test
  void aMissingQueueIsTheV1ExceptionWithTheV1Cause() {
    assumeTrue(moto != null);
    Event e =
        run(
            aws,
            "arn:aws:states:::sqs:sendMessage",
            "{\"QueueUrl\": \""
                + moto.endpoint()
                + "/123456789012/nothing\", \"MessageBody\": \"x\"}");
    Event.Failed failed = (Event.Failed) e;
    assertThat(failed.error()).isEqualTo("SQS.QueueDoesNotExistException");
    assertThat(normalised(failed.cause()))
        .isEqualTo(
            "The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; Error Code:"
                + " AWS.SimpleQueueService.NonExistentQueue; Request ID: <id>; Proxy: null)");
  }

  @Test
  void sendMessageWaitForTaskTokenSubmitsAndWaits() {
    assumeTrue(moto != null);
    String url =
        ok(
                aws,
                "arn:aws:states:::aws-sdk:sqs:createQueue",
                "{\"QueueName\": \"" + unique("q") + "\"}")
            .get("QueueUrl")
            .asText();
    RecordingCallbacks callbacks = new RecordingCallbacks();
    aws.optimized()
        .dispatch(
            Requests.task(
                "S",
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "{\"QueueUrl\": \"" + url + "\", \"MessageBody\": {\"TaskToken\": \"token-1\"}}"),
            callbacks);
    JsonNode submitted = callbacks.submittedResponse();
    assertThat(names(submitted))
        .containsExactly("MD5OfMessageBody", "MessageId", "SdkHttpMetadata", "SdkResponseMetadata");
    assertThat(callbacks.ended()).isFalse();
  }

  @Test
  void publishAnObjectMessage() {
    assumeTrue(moto != null);
    String topic =
        ok(aws, "arn:aws:states:::aws-sdk:sns:createTopic", "{\"Name\": \"" + unique("t") + "\"}")
            .get("TopicArn")
            .asText();
    JsonNode published =
        ok(
            aws,
            "arn:aws:states:::sns:publish",
            "{\"TopicArn\": \"" + topic + "\", \"Message\": {\"Message\": \"HelloWorld!\"}}");
    assertThat(names(published))
        .containsExactly("MessageId", "SdkHttpMetadata", "SdkResponseMetadata");
  }

  @Test
  void putGetUpdateDeleteAnItem() {
    assumeTrue(moto != null);
    String table = unique("opt");
    AwsSdkTasksTest.createTable(aws, table);
    String key = "\"Key\": {\"id\": {\"S\": \"id1\"}}";
    assertThat(
            withoutMetadata(
                ok(
                    aws,
                    "arn:aws:states:::dynamodb:putItem",
                    "{\"TableName\": \""
                        + table
                        + "\", \"Item\": {\"id\": {\"S\": \"id1\"}, \"data\": {\"S\": \"HelloWorld\"}}}")))
        .isEqualTo(json("{}"));
    assertThat(
            withoutMetadata(
                ok(
                    aws,
                    "arn:aws:states:::dynamodb:updateItem",
                    "{\"TableName\": \""
                        + table
                        + "\", "
                        + key
                        + ", \"UpdateExpression\": \"set S=:r\", \"ExpressionAttributeValues\":"
                        + " {\":r\": {\"S\": \"HelloWorldUpdated\"}}, \"ReturnValues\": \"UPDATED_NEW\"}")))
        // moto reports ConsumedCapacity unasked; DynamoDB only when ReturnConsumedCapacity says so.
        .isEqualTo(
            json(
                "{\"Attributes\": {\"S\": {\"S\": \"HelloWorldUpdated\"}}, \"ConsumedCapacity\":"
                    + " {\"TableName\": \""
                    + table
                    + "\", \"CapacityUnits\": 0.5}}"));
    JsonNode got =
        ok(
            aws,
            "arn:aws:states:::dynamodb:getItem",
            "{\"TableName\": \"" + table + "\", " + key + "}");
    assertThat(names(got)).containsExactly("Item", "SdkHttpMetadata", "SdkResponseMetadata");
    assertThat(withoutMetadata(got))
        .isEqualTo(
            json(
                "{\"Item\": {\"id\": {\"S\": \"id1\"}, \"data\": {\"S\": \"HelloWorld\"},"
                    + " \"S\": {\"S\": \"HelloWorldUpdated\"}}}"));
    assertThat(
            withoutMetadata(
                ok(
                    aws,
                    "arn:aws:states:::dynamodb:deleteItem",
                    "{\"TableName\": \"" + table + "\", " + key + "}")))
        .isEqualTo(json("{}"));
  }

  @Test
  void aFailedConditionOnTheOptimizedIntegration() {
    assumeTrue(moto != null);
    String table = unique("opt");
    AwsSdkTasksTest.createTable(aws, table);
    String put =
        "{\"TableName\": \""
            + table
            + "\", \"Item\": {\"id\": {\"S\": \"a\"}}, \"ConditionExpression\":"
            + " \"attribute_not_exists(id)\"}";
    ok(aws, "arn:aws:states:::dynamodb:putItem", put);
    Event.Failed failed = (Event.Failed) run(aws, "arn:aws:states:::dynamodb:putItem", put);
    assertThat(failed.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
    assertThat(normalised(failed.cause()))
        .isEqualTo(
            "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error"
                + " Code: ConditionalCheckFailedException; Request ID: <id>; Proxy: null)");
  }

  @Test
  void putEventsAddsTheExecutionAndMachineToResources() {
    assumeTrue(moto != null);
    JsonNode put =
        ok(
            aws,
            "arn:aws:states:::events:putEvents",
            "{\"Entries\": [{\"Detail\": {\"Message\": \"MyMessage\"}, \"DetailType\": \"MyDetailType\","
                + " \"Source\": \"my.source\"}]}");
    assertThat(names(put))
        .containsExactly("Entries", "FailedEntryCount", "SdkHttpMetadata", "SdkResponseMetadata");
    assertThat(put.get("FailedEntryCount").asInt()).isZero();
    assertThat(put.at("/Entries/0/EventId").isTextual()).isTrue();
    assertThat(OptimizedTasks.stateMachineArn(Requests.EXECUTION))
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:Machine");
  }

  @Test
  void onlyTheDocumentedActionsAndPatternsAreOptimized() {
    assertThat(
            OptimizedTasks.serves(
                dev.stepwise.engine.task.Resource.parse(
                    "arn:aws:states:::sqs:sendMessage.waitForTaskToken")))
        .isTrue();
    assertThat(
            OptimizedTasks.serves(
                dev.stepwise.engine.task.Resource.parse("arn:aws:states:::sqs:receiveMessage")))
        .isFalse();
    assertThat(
            OptimizedTasks.serves(
                dev.stepwise.engine.task.Resource.parse(
                    "arn:aws:states:::dynamodb:getItem.waitForTaskToken")))
        .isFalse();
    assertThat(
            OptimizedTasks.serves(
                dev.stepwise.engine.task.Resource.parse(
                    "arn:aws:states:::events:putEvents.waitForTaskToken")))
        .isTrue();
  }
}
