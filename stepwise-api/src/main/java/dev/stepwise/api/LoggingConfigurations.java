package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.language.json.Json;

/**
 * A state machine's {@code loggingConfiguration} as AWS checks and stores it: level (default OFF),
 * {@code includeExecutionData} (default false) and the destinations as given. Stepwise writes no
 * logs, but refuses what AWS refuses.
 */
final class LoggingConfigurations {
  private LoggingConfigurations() {}

  /** What AWS shows for a state machine created without one. */
  static ObjectNode defaults() {
    ObjectNode logging = Json.NODES.objectNode();
    logging.put("level", "OFF");
    logging.put("includeExecutionData", false);
    return logging;
  }

  /**
   * The configuration to store. Recorded (LocalStack's test_sfn_api_logs against AWS, 2024-06): a
   * level other than OFF needs exactly one destination, as do two destinations at any level; OFF
   * keeps the destinations as given, even an empty list. A log group ARN must end with the {@code
   * :*} qualifier (message reported by terraform-provider-aws#17682).
   *
   * @param given the request's member, its types and enum already checked against the model
   */
  static ObjectNode checked(JsonNode given) throws ServiceException {
    ObjectNode logging = defaults();
    String level = given.path("level").asText("OFF");
    logging.put("level", level);
    logging.put("includeExecutionData", given.path("includeExecutionData").asBoolean(false));
    JsonNode destinations = given.get("destinations");
    int count = destinations == null || destinations.isNull() ? 0 : destinations.size();
    if ((!level.equals("OFF") && count != 1) || count > 1) {
      throw invalid("Must specify exactly one Log Destination.");
    }
    if (destinations != null && !destinations.isNull()) {
      for (JsonNode d : destinations) {
        String arn = d.path("cloudWatchLogsLogGroup").path("logGroupArn").asText("");
        if (!arn.endsWith(":*")) {
          throw invalid("Log Group ARN must be provided with '*' qualifier.");
        }
      }
      logging.set("destinations", destinations);
    }
    return logging;
  }

  private static ServiceException invalid(String why) {
    return new ServiceException(
        "InvalidLoggingConfiguration", "Invalid Logging Configuration: " + why);
  }
}
