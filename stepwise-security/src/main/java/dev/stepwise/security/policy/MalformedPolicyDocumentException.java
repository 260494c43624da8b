package dev.stepwise.security.policy;

/**
 * A policy document that IAM would reject. The message names the offending element, e.g. {@code
 * Statement[0].Effect must be "Allow" or "Deny", got "allow"}.
 */
public final class MalformedPolicyDocumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** IAM's error code for a policy it cannot accept. */
  public static final String ERROR_CODE = "MalformedPolicyDocument";

  public MalformedPolicyDocumentException(String message) {
    super(message);
  }
}
