package dev.stepwise.api;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * What reaches the API before an operation: the body's text, and the AWS-shaped answers for
 * requests that name no operation. AWS sends {@code UnknownOperationException} without a message;
 * Stepwise adds one that says what was wrong (every Stepwise error has a message).
 */
final class RequestBodies {
  private RequestBodies() {}

  /**
   * The body as UTF-8 text. Bytes that are not UTF-8 are refused, never replaced: a name or input
   * would otherwise be stored other than it was sent.
   */
  static String text(byte[] body) throws ApiError {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      // [INFER] AWS's request layer refuses bytes that are not UTF-8 as unreadable JSON.
      return refuse("Invalid UTF-8 in the request body");
    }
  }

  private static String refuse(String message) throws ApiError {
    throw ApiError.badRequest("SerializationException", message);
  }

  /** A target operation that does not exist. */
  static ApiError unknownOperation(String operation) {
    return ApiError.badRequest(
        "UnknownOperationException", "Unknown operation: 'AWSStepFunctions." + operation + "'");
  }

  /** No {@code X-Amz-Target}, or one of another service. */
  static ApiError unknownTarget(@Nullable String target) {
    return ApiError.badRequest(
        "UnknownOperationException",
        target == null
            ? "Missing X-Amz-Target header: the Step Functions API is AWS JSON 1.0, POST / with"
                + " X-Amz-Target: AWSStepFunctions.<Operation>"
            : "Unknown operation: '" + target + "'");
  }

  /** Any method but POST, or a path but {@code /}. */
  static ApiError notAnOperation(String method, URI uri) {
    return new ApiError(
        404,
        "UnknownOperationException",
        "No operation at "
            + method
            + " "
            + uri.getRawPath()
            + ": the Step Functions API is POST /");
  }
}
