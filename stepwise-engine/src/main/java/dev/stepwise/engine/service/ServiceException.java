package dev.stepwise.engine.service;

/**
 * A Step Functions API error: AWS's error code (e.g. {@code StateMachineDoesNotExist}, the wire
 * {@code __type}) and message. Thrown by the service; the API adapter and the nested-workflow
 * integration render it as AWS does.
 */
public final class ServiceException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String code;

  public ServiceException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static ServiceException validation(String message) {
    return new ServiceException("ValidationException", message);
  }
}
