package dev.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.language.json.Json;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Runs one action with JSON arguments and gives its response as JSON. Blocking: tasks call it on
 * virtual threads.
 */
final class SdkCalls {
  /** The streamed payload's member ({@code s3:putObject}, {@code s3:getObject}). */
  static final String BODY = "Body";

  private SdkCalls() {}

  /** How a failed call is named: the SDK integrations' way or the optimized integrations'. */
  interface Errors {
    TaskFailure service(AwsServiceException e);

    TaskFailure client(SdkClientException e);
  }

  /** The response, and its JSON (with the streamed {@code Body} as text, where there is one). */
  record Result(SdkResponse response, ObjectNode json) {}

  static Result call(
      AwsClients clients,
      SdkAction action,
      JsonNode arguments,
      @Nullable String roleArn,
      @Nullable Long timeoutSeconds,
      Errors errors)
      throws TaskFailure, InterruptedException {
    if (!arguments.isObject()) {
      throw TaskFailure.runtime(
          "The parameters of "
              + action.service().key()
              + ":"
              + action.name()
              + " must be a JSON object.");
    }
    ObjectNode fields = ((ObjectNode) arguments).deepCopy();
    JsonNode body = action.kind() == SdkAction.Kind.UPLOAD ? fields.remove(BODY) : null;
    SdkPojo builder = action.requestBuilder();
    try {
      SdkShapes.fill(builder, fields, "");
    } catch (SdkShapes.ShapeException e) {
      throw TaskFailure.runtime(e.getMessage());
    }
    if (timeoutSeconds != null && builder instanceof AwsRequest.Builder request) {
      request.overrideConfiguration(
          AwsRequestOverrideConfiguration.builder()
              .apiCallTimeout(Duration.ofSeconds(timeoutSeconds))
              .build());
    }
    Object request = ((SdkBuilder<?, ?>) builder).build();
    Object client = clients.client(action.service(), roleArn);
    Object returned;
    try {
      returned =
          switch (action.kind()) {
            case PLAIN -> action.method().invoke(client, request);
            case UPLOAD -> action.method().invoke(client, request, requestBody(body));
            case DOWNLOAD -> action.method().invoke(client, request, ResponseTransformer.toBytes());
          };
    } catch (InvocationTargetException e) {
      throw failure(e.getCause(), errors);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    if (returned instanceof ResponseBytes<?> bytes) {
      SdkResponse response = (SdkResponse) bytes.response();
      ObjectNode json = SdkShapes.toJson(response);
      json.put(BODY, bytes.asUtf8String());
      return new Result(response, json);
    }
    SdkResponse response = (SdkResponse) returned;
    return new Result(response, SdkShapes.toJson(response));
  }

  /** A string is sent as its text, any other value as its JSON text. */
  private static RequestBody requestBody(@Nullable JsonNode body) {
    if (body == null || body.isNull()) {
      return RequestBody.empty();
    }
    return RequestBody.fromString(body.isTextual() ? body.textValue() : Json.write(body));
  }

  private static TaskFailure failure(Throwable thrown, Errors errors) throws InterruptedException {
    return switch (thrown) {
      case AwsServiceException e -> errors.service(e);
      case AbortedException e -> throw new InterruptedException("cancelled");
      // The task's TimeoutSeconds ran out: the engine reports States.Timeout itself.
      case ApiCallTimeoutException e -> new TaskFailure("States.Timeout", null);
      case SdkClientException e -> {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("cancelled");
        }
        yield errors.client(e);
      }
      case RuntimeException e ->
          TaskFailure.runtime(
              AwsErrors.bounded(e.getClass().getSimpleName() + ": " + e.getMessage()));
      default -> throw new IllegalStateException(thrown);
    };
  }
}
