package dev.stepwise.security.policy;

/** AWS's access-denied error for a request that identity-based policies do not allow. */
public final class AccessDenied {
  /** The error code ({@code __type}) AWS services answer with. */
  public static final String ERROR_CODE = "AccessDeniedException";

  /** Step Functions reports AccessDeniedException as a client error. */
  public static final int HTTP_STATUS = 400;

  private AccessDenied() {}

  /**
   * AWS's message, e.g. {@code User: arn:aws:iam::123456789012:user/alice is not authorized to
   * perform: states:StartExecution on resource: arn:...:stateMachine:Child because no
   * identity-based policy allows the states:StartExecution action}.
   *
   * @throws IllegalArgumentException when the decision allows the request
   */
  public static String message(
      String principalArn, String action, String resource, Decision decision) {
    String prefix =
        "User: "
            + principalArn
            + " is not authorized to perform: "
            + action
            + " on resource: "
            + resource;
    return switch (decision.outcome()) {
      case IMPLICIT_DENY ->
          prefix + " because no identity-based policy allows the " + action + " action";
      case EXPLICIT_DENY -> prefix + " with an explicit deny in an identity-based policy";
      case ALLOW -> throw new IllegalArgumentException("the request is allowed: " + decision);
    };
  }
}
