package dev.stepwise.integrations.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.integrations.VirtualThreadTasks;
import dev.stepwise.language.json.Json;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Lambda tasks through the SDK's Invoke call, each on a virtual thread: function ARNs as {@code
 * Resource} (the state input is the payload, the payload is the result) and the optimized
 * integration {@code arn:aws:states:::lambda:invoke} (its arguments are the Invoke request, the
 * result is the Invoke response), also as {@code .waitForTaskToken}, where the response is the
 * {@code TaskSubmitted} output and the task then waits for its token.
 *
 * <p>Errors as AWS names them: a function error is the payload's {@code errorType} (else {@code
 * Lambda.Unknown}), a service error {@code Lambda.<ErrorCode>}, a client failure {@code
 * Lambda.SdkClientException}.
 */
public final class LambdaTasks implements TaskDispatcher, AutoCloseable {
  /** Lambda runs a function for up to 15 minutes; the socket waits a little longer. */
  private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(16);

  /** Made on the first invocation: building an SDK client costs a third of a second. */
  private final java.util.function.Supplier<LambdaClient> factory;

  private volatile @org.jspecify.annotations.Nullable LambdaClient client;
  private final boolean ownsClient;
  private final VirtualThreadTasks tasks = new VirtualThreadTasks("lambda-task");

  /** Invokes through {@code client}, which the caller keeps and closes. */
  public LambdaTasks(LambdaClient client) {
    this(() -> client, false);
  }

  private LambdaTasks(java.util.function.Supplier<LambdaClient> factory, boolean ownsClient) {
    this.factory = factory;
    this.ownsClient = ownsClient;
  }

  private LambdaClient client() {
    LambdaClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = factory.get();
          client = c;
        }
      }
    }
    return c;
  }

  /** Invokes through a client of its own for these settings. */
  public static LambdaTasks create(LambdaSettings settings) {
    return new LambdaTasks(() -> newClient(settings), true);
  }

  /**
   * A client for the settings, without SDK retries: Step Functions reports the first error and the
   * state's Retry decides.
   */
  public static LambdaClient newClient(LambdaSettings settings) {
    LambdaClientBuilder builder =
        LambdaClient.builder()
            .region(Region.of(settings.region()))
            .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(SOCKET_TIMEOUT))
            .credentialsProvider(credentials(settings.credentials()))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(LambdaSettings.@Nullable Credentials c) {
    if (c == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        c.sessionToken() == null
            ? AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())
            : AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
  }

  /** Function ARNs and {@code lambda:invoke} (with or without {@code .waitForTaskToken}). */
  public static boolean serves(Resource resource) {
    return resource.family() == Resource.Family.LAMBDA
        || (resource.family() == Resource.Family.TASK
            && resource.resourceType().equals("lambda")
            && (resource.resource().equals("invoke")
                || resource.resource().equals("invoke.waitForTaskToken")));
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    tasks.start(request, callbacks, () -> invoke(request));
  }

  @Override
  public void cancel(TaskRequest request, String cause) {
    tasks.cancel(request);
  }

  @Override
  public void close() {
    LambdaClient c = client;
    if (ownsClient && c != null) {
      c.close();
    }
  }

  private JsonNode invoke(TaskRequest request) throws TaskFailure, InterruptedException {
    Resource resource = request.resource();
    if (!serves(resource)) {
      throw TaskFailure.runtime(
          "The Lambda integration does not serve the resource '" + resource.arn() + "'.");
    }
    boolean service = resource.family() == Resource.Family.TASK;
    InvokeRequest.Builder invoke = InvokeRequest.builder();
    if (service) {
      arguments(request.parameters(), invoke);
    } else {
      invoke
          .functionName(resource.arn())
          .invocationType(InvocationType.REQUEST_RESPONSE)
          .payload(SdkBytes.fromUtf8String(Json.write(request.parameters())));
    }
    Long timeoutSeconds = request.timeoutSeconds();
    if (timeoutSeconds != null) {
      invoke.overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(timeoutSeconds)));
    }
    InvokeResponse response;
    try {
      response = client().invoke(invoke.build());
    } catch (AwsServiceException e) {
      throw serviceError(e);
    } catch (AbortedException e) {
      throw new InterruptedException("cancelled");
    } catch (ApiCallTimeoutException e) {
      // The task's TimeoutSeconds ran out: the engine reports States.Timeout itself.
      throw new TaskFailure("States.Timeout", null);
    } catch (SdkClientException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("cancelled");
      }
      throw new TaskFailure("Lambda.SdkClientException", e.getMessage());
    }
    String text = response.payload() == null ? "" : response.payload().asUtf8String();
    JsonNode payload = LambdaResults.payload(text);
    if (response.functionError() != null) {
      throw FunctionErrors.of(payload, text, service);
    }
    return service ? LambdaResults.invokeResult(response, payload) : payload;
  }

  /** The arguments of {@code lambda:invoke}: the fields of Lambda's Invoke request. */
  private static void arguments(JsonNode arguments, InvokeRequest.Builder invoke)
      throws TaskFailure {
    if (!arguments.isObject()) {
      throw TaskFailure.runtime(
          "The lambda:invoke arguments must be a JSON object with at least FunctionName.");
    }
    String functionName = text(arguments, "FunctionName");
    if (functionName == null) {
      throw TaskFailure.runtime("The field 'FunctionName' is required but was missing.");
    }
    invoke.functionName(functionName);
    set(arguments, "InvocationType", invoke::invocationType);
    set(arguments, "Qualifier", invoke::qualifier);
    set(arguments, "LogType", invoke::logType);
    set(arguments, "ClientContext", invoke::clientContext);
    JsonNode payload = arguments.get("Payload");
    if (payload != null) {
      invoke.payload(SdkBytes.fromUtf8String(payloadText(payload)));
    }
  }

  /** A string that holds JSON is sent as that JSON; any other value as its JSON text. */
  private static String payloadText(JsonNode payload) {
    if (payload.isTextual()) {
      try {
        Json.parse(payload.asText());
        return payload.asText();
      } catch (JsonProcessingException e) {
        return Json.write(payload);
      }
    }
    return Json.write(payload);
  }

  private static void set(JsonNode arguments, String field, Consumer<String> setter)
      throws TaskFailure {
    String value = text(arguments, field);
    if (value != null) {
      setter.accept(value);
    }
  }

  private static @Nullable String text(JsonNode arguments, String field) throws TaskFailure {
    JsonNode value = arguments.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw TaskFailure.runtime("The lambda:invoke field '" + field + "' must be a string.");
    }
    return value.asText();
  }

  /**
   * {@code Lambda.<ErrorCode>} with the cause Step Functions writes, e.g. {@code Function not
   * found: arn:... (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException;
   * Request ID: ...; Proxy: null)}.
   */
  private static TaskFailure serviceError(AwsServiceException e) {
    String code =
        e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
            ? e.getClass().getSimpleName()
            : e.awsErrorDetails().errorCode();
    String message =
        e.awsErrorDetails() == null
            ? Objects.toString(e.getMessage(), "")
            : Objects.toString(e.awsErrorDetails().errorMessage(), "");
    return new TaskFailure(
        "Lambda." + code,
        message
            + " (Service: AWSLambda; Status Code: "
            + e.statusCode()
            + "; Error Code: "
            + code
            + "; Request ID: "
            + e.requestId()
            + "; Proxy: null)");
  }
}
