package dev.stepwise.api;

/** An error answered as AWS JSON 1.0: HTTP status, {@code __type} and message. */
public final class ApiError extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String type;

  public ApiError(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  static ApiError badRequest(String type, String message) {
    return new ApiError(400, type, message);
  }

  static ApiError validation(String message) {
    return badRequest("ValidationException", message);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }
}
