package dev.stepwise.engine.task;

/**
 * A Task's {@code Resource}, split the way history events report it.
 *
 * @param arn the ARN as written
 * @param family which history events the task produces
 * @param resourceType e.g. {@code lambda}, {@code states} (service integrations only)
 * @param resource e.g. {@code invoke}, {@code startExecution.sync:2} (service integrations), else
 *     the ARN
 * @param pattern the integration pattern
 */
public record Resource(
    String arn, Family family, String resourceType, String resource, Pattern pattern) {

  private static final String SERVICE_PREFIX = "arn:aws:states:::";

  /** The event families of AWS's history. */
  public enum Family {
    TASK,
    LAMBDA,
    ACTIVITY
  }

  /** Service integration patterns. */
  public enum Pattern {
    REQUEST_RESPONSE,
    SYNC,
    SYNC2,
    WAIT_FOR_TASK_TOKEN
  }

  public static Resource parse(String arn) {
    if (arn.startsWith(SERVICE_PREFIX)) {
      String rest = arn.substring(SERVICE_PREFIX.length());
      String resourceType;
      String resource;
      if (rest.startsWith("aws-sdk:")) {
        int last = rest.lastIndexOf(':', rest.indexOf('.') < 0 ? rest.length() : rest.indexOf('.'));
        resourceType = rest.substring(0, last);
        resource = rest.substring(last + 1);
      } else {
        int colon = rest.indexOf(':');
        resourceType = colon < 0 ? rest : rest.substring(0, colon);
        resource = colon < 0 ? "" : rest.substring(colon + 1);
      }
      return new Resource(arn, Family.TASK, resourceType, resource, patternOf(resource));
    }
    String[] parts = arn.split(":", 7);
    if (parts.length >= 6 && parts[2].equals("states") && parts[5].equals("activity")) {
      return new Resource(arn, Family.ACTIVITY, "activity", arn, Pattern.WAIT_FOR_TASK_TOKEN);
    }
    if (parts.length >= 6 && parts[2].equals("lambda") && parts[5].equals("function")) {
      return new Resource(arn, Family.LAMBDA, "lambda", arn, Pattern.REQUEST_RESPONSE);
    }
    return new Resource(arn, Family.TASK, "", arn, Pattern.REQUEST_RESPONSE);
  }

  private static Pattern patternOf(String resource) {
    if (resource.endsWith(".sync:2")) {
      return Pattern.SYNC2;
    }
    if (resource.endsWith(".sync")) {
      return Pattern.SYNC;
    }
    if (resource.endsWith(".waitForTaskToken")) {
      return Pattern.WAIT_FOR_TASK_TOKEN;
    }
    return Pattern.REQUEST_RESPONSE;
  }

  /**
   * Whether {@code $$.Task.Token} is defined while this task runs: callbacks, activities, and the
   * job-run ({@code .sync}) patterns, which SendTaskSuccess may complete early.
   */
  public boolean hasTaskToken() {
    return pattern != Pattern.REQUEST_RESPONSE;
  }
}
