package dev.stepwise.integrations.aws;

import static dev.stepwise.integrations.Requests.json;
import static dev.stepwise.integrations.aws.AwsSdkTasksTest.normalised;
import static dev.stepwise.integrations.aws.AwsSdkTasksTest.ok;
import static dev.stepwise.integrations.aws.AwsSdkTasksTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DynamoDB, optimized and through the AWS SDK integration, against dynalite (from npm). */
class DynaliteTest {
  private static StandIn dynalite;
  private static AwsIntegrations aws;

  @BeforeAll
  static void start() throws Exception {
    dynalite = StandIn.dynalite().orElse(null);
    if (dynalite != null) {
      aws = AwsIntegrations.create(AwsSdkTasksTest.settings(dynalite));
      AwsSdkTasksTest.createTable(aws, "items");
    }
  }

  @AfterAll
  static void stop() {
    if (aws != null) {
      aws.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @Test
  void putThenGetThroughBothIntegrations() {
    assumeTrue(dynalite != null);
    JsonNode put =
        ok(
            aws,
            "arn:aws:states:::dynamodb:putItem",
            "{\"TableName\": \"items\", \"Item\": {\"id\": {\"S\": \"id1\"}, \"data\": {\"S\":"
                + " \"HelloWorld\"}, \"n\": {\"N\": \"42\"}, \"tags\": {\"SS\": [\"a\", \"b\"]}}}");
    assertThat(put.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
    ObjectNode withoutMetadata = put.deepCopy();
    withoutMetadata.remove("SdkHttpMetadata");
    withoutMetadata.remove("SdkResponseMetadata");
    assertThat(withoutMetadata).isEqualTo(json("{}"));
    assertThat(
            ok(
                aws,
                "arn:aws:states:::aws-sdk:dynamodb:getItem",
                "{\"TableName\": \"items\", \"Key\": {\"id\": {\"S\": \"id1\"}}}"))
        .isEqualTo(
            json(
                "{\"Item\": {\"id\": {\"S\": \"id1\"}, \"data\": {\"S\": \"HelloWorld\"}, \"n\":"
                    + " {\"N\": \"42\"}, \"tags\": {\"SS\": [\"a\", \"b\"]}}}"));
    assertThat(
            ok(
                aws,
                "arn:aws:states:::aws-sdk:dynamodb:query",
                "{\"TableName\": \"items\", \"KeyConditionExpression\": \"id = :id\","
                    + " \"ExpressionAttributeValues\": {\":id\": {\"S\": \"id1\"}},"
                    + " \"ProjectionExpression\": \"id\"}"))
        .isEqualTo(
            json("{\"Count\": 1, \"Items\": [{\"id\": {\"S\": \"id1\"}}], \"ScannedCount\": 1}"));
  }

  @Test
  void aFailedConditionThroughBothIntegrations() {
    assumeTrue(dynalite != null);
    String put =
        "{\"TableName\": \"items\", \"Item\": {\"id\": {\"S\": \"c1\"}}, \"ConditionExpression\":"
            + " \"attribute_not_exists(id)\"}";
    ok(aws, "arn:aws:states:::aws-sdk:dynamodb:putItem", put);
    Event.Failed sdk = (Event.Failed) run(aws, "arn:aws:states:::aws-sdk:dynamodb:putItem", put);
    assertThat(sdk.error()).isEqualTo("DynamoDb.ConditionalCheckFailedException");
    assertThat(normalised(sdk.cause()))
        .isEqualTo(
            "The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID:"
                + " <id>)");
    Event.Failed optimized = (Event.Failed) run(aws, "arn:aws:states:::dynamodb:putItem", put);
    assertThat(optimized.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
    assertThat(normalised(optimized.cause()))
        .isEqualTo(
            "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error"
                + " Code: ConditionalCheckFailedException; Request ID: <id>; Proxy: null)");
  }

  @Test
  void aMissingTableOnTheOptimizedIntegration() {
    assumeTrue(dynalite != null);
    Event.Failed failed =
        (Event.Failed)
            run(
                aws,
                "arn:aws:states:::dynamodb:putItem",
                "{\"TableName\": \"no_such_table\", \"Item\": {\"id\": {\"S\": \"a\"}}}");
    assertThat(failed.error()).isEqualTo("DynamoDB.ResourceNotFoundException");
    assertThat(normalised(failed.cause()))
        .isEqualTo(
            "Requested resource not found (Service: AmazonDynamoDBv2; Status Code: 400; Error Code:"
                + " ResourceNotFoundException; Request ID: <id>; Proxy: null)");
  }
}
