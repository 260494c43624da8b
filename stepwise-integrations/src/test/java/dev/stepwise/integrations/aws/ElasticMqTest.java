package dev.stepwise.integrations.aws;

import static dev.stepwise.integrations.aws.AwsSdkTasksTest.normalised;
import static dev.stepwise.integrations.aws.AwsSdkTasksTest.ok;
import static dev.stepwise.integrations.aws.AwsSdkTasksTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.integrations.RecordingCallbacks;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import dev.stepwise.integrations.Requests;
import dev.stepwise.integrations.ServiceEndpoints;
import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** SQS, optimized and through the AWS SDK integration, against ElasticMQ in this JVM. */
class ElasticMqTest {
  private static SQSRestServer server;
  private static AwsIntegrations aws;
  private static String queue;

  @BeforeAll
  static void start() {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    aws =
        AwsIntegrations.create(
            AwsSettings.region("us-east-1")
                .withEndpoints(
                    new ServiceEndpoints(Map.of("sqs", URI.create("http://127.0.0.1:" + port))))
                .withCredentials(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"))));
    queue =
        ok(aws, "arn:aws:states:::aws-sdk:sqs:createQueue", "{\"QueueName\": \"work\"}")
            .get("QueueUrl")
            .asText();
  }

  @AfterAll
  static void stop() {
    aws.close();
    server.stopAndWait();
  }

  @Test
  void aCallbackMessageCarriesItsTokenToTheWorker() {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    aws.optimized()
        .dispatch(
            Requests.task(
                "Send",
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "{\"QueueUrl\": \""
                    + queue
                    + "\", \"MessageBody\": {\"Message\": \"hi\", \"TaskToken\": \"token-1\"}}"),
            callbacks);
    JsonNode submitted = callbacks.submittedResponse();
    assertThat(submitted.get("MD5OfMessageBody").asText())
        .isEqualTo(AwsSdkTasksTest.md5("{\"Message\":\"hi\",\"TaskToken\":\"token-1\"}"));
    JsonNode received =
        ok(
            aws,
            "arn:aws:states:::aws-sdk:sqs:receiveMessage",
            "{\"QueueUrl\": \"" + queue + "\", \"MaxNumberOfMessages\": 1}");
    assertThat(received.at("/Messages/0/Body").asText())
        .isEqualTo("{\"Message\":\"hi\",\"TaskToken\":\"token-1\"}");
    assertThat(received.at("/Messages/0/MessageId").asText())
        .isEqualTo(submitted.get("MessageId").asText());
    assertThat(
            ok(
                aws,
                "arn:aws:states:::aws-sdk:sqs:deleteMessage",
                "{\"QueueUrl\": \""
                    + queue
                    + "\", \"ReceiptHandle\": \""
                    + received.at("/Messages/0/ReceiptHandle").asText()
                    + "\"}"))
        .isEqualTo(Requests.json("{}"));
  }

  @Test
  void aCallLongerThanTimeoutSecondsEndsAsStatesTimeout() {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    aws.sdk()
        .dispatch(
            Requests.task(
                Requests.EXECUTION,
                "Poll",
                "arn:aws:states:::aws-sdk:sqs:receiveMessage",
                "{\"QueueUrl\": \"" + queue + "-empty\", \"WaitTimeSeconds\": 3}",
                1L),
            callbacks);
    // The queue does not exist: the answer comes at once, whatever the timeout.
    assertThat(((Event.Failed) callbacks.outcome()).error())
        .isEqualTo("Sqs.QueueDoesNotExistException");
    String empty =
        ok(aws, "arn:aws:states:::aws-sdk:sqs:createQueue", "{\"QueueName\": \"empty\"}")
            .get("QueueUrl")
            .asText();
    RecordingCallbacks waiting = new RecordingCallbacks();
    aws.sdk()
        .dispatch(
            Requests.task(
                Requests.EXECUTION,
                "Poll",
                "arn:aws:states:::aws-sdk:sqs:receiveMessage",
                "{\"QueueUrl\": \"" + empty + "\", \"WaitTimeSeconds\": 3}",
                1L),
            waiting);
    assertThat(waiting.outcome()).isEqualTo(new Event.Failed("States.Timeout", null));
  }

  @Test
  void aMissingQueueIsNamedAsTheSdkV1NamesIt() {
    Event.Failed failed =
        (Event.Failed)
            run(
                aws,
                "arn:aws:states:::sqs:sendMessage",
                "{\"QueueUrl\": \"" + queue + "-gone\", \"MessageBody\": \"x\"}");
    assertThat(failed.error()).isEqualTo("SQS.QueueDoesNotExistException");
    assertThat(normalised(failed.cause()))
        // ElasticMQ sends the JSON protocol's error code, moto (and SQS to the SDK v1) the query
        // one.
        .isEqualTo(
            "The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; Error"
                + " Code: QueueDoesNotExist; Request ID: <id>; Proxy: null)");
  }
}
