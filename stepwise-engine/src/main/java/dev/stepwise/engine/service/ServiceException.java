package dev.stepwise.engine.service;

import org.jspecify.annotations.Nullable;

/**
 * A Step Functions API error: AWS's error code (e.g. {@code StateMachineDoesNotExist}, the wire
 * {@code __type}) and message. Thrown by the service; the API adapter and the nested-workflow
 * integration render it as AWS does.
 */
public final class ServiceException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String code;
  private final @Nullable String resourceName;

  public ServiceException(String code, String message) {
    this(code, message, null);
  }

  /**
   * @param resourceName the ARN AWS names in the error's {@code resourceName} member
   *     (ResourceNotFound, TooManyTags)
   */
  public ServiceException(String code, String message, @Nullable String resourceName) {
    super(message, null, false, false);
    this.code = code;
    this.resourceName = resourceName;
  }

  public String code() {
    return code;
  }

  public @Nullable String resourceName() {
    return resourceName;
  }

  public static ServiceException validation(String message) {
    return new ServiceException("ValidationException", message);
  }
}
