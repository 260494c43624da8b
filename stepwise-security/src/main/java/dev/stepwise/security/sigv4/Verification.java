package dev.stepwise.security.sigv4;

/** The outcome of verifying a request's SigV4 signature. */
public sealed interface Verification {

  /** A valid signature by a known key. */
  record Authenticated(String principalArn, String accessKeyId, String region)
      implements Verification {}

  /**
   * A request to refuse, with AWS's error code ({@code __type}), message and HTTP status.
   *
   * @param errorCode e.g. {@code InvalidSignatureException}
   */
  record Rejected(String errorCode, String message, int httpStatus) implements Verification {}
}
