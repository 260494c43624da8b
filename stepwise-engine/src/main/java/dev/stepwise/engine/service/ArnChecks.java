package dev.stepwise.engine.service;

/** AWS's InvalidArn checks of the ARNs the API takes. */
final class ArnChecks {
  private ArnChecks() {}

  /** A Step Functions ARN of {@code resourceType} ({@code stateMachine}, {@code activity}...). */
  static void check(String arn, String resourceType) throws ServiceException {
    String[] parts = checkPrefix(arn);
    if (!parts[5].equals(resourceType)) {
      throw new ServiceException(
          "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + parts[5] + "'");
    }
  }

  /**
   * Any Step Functions ARN ({@code arn:<partition>:states:<region>:<account>:<type>:<name>...}).
   *
   * @return its parts
   */
  static String[] checkPrefix(String arn) throws ServiceException {
    String[] parts = arn.split(":", 7);
    if (parts.length < 7 || !parts[0].equals("arn") || !parts[2].equals("states")) {
      throw new ServiceException("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: " + arn + "'");
    }
    return parts;
  }

  /** A STANDARD execution's ARN (EXPRESS executions have no API of their own). */
  static void checkExecution(String arn) throws ServiceException {
    String[] parts = arn.split(":", 7);
    if (parts.length >= 6 && parts[0].equals("arn") && parts[5].equals("express")) {
      throw new ServiceException(
          "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'");
    }
    check(arn, "execution");
  }
}
