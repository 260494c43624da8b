package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of a request body, failing with AWS's ValidationException texts.
 *
 * @param startedBy the Stepwise extension header {@code X-Stepwise-Started-By} of ListExecutions
 *     (children of that execution), or null; AWS clients never send it
 */
record Request(JsonNode body, @Nullable String startedBy) {

  String required(String field) throws ApiError {
    String v = optional(field);
    if (v == null) {
      throw missing(field);
    }
    return v;
  }

  @Nullable String optional(String field) throws ApiError {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw wrongType(field);
    }
    return v.asText();
  }

  /** An object member, or null when absent. */
  @Nullable JsonNode object(String field) throws ApiError {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw wrongType(field);
    }
    return v;
  }

  /** An array member, or null when absent and not {@code required}. */
  @Nullable JsonNode array(String field, boolean required) throws ApiError {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw missing(field);
      }
      return null;
    }
    if (!v.isArray()) {
      throw wrongType(field);
    }
    return v;
  }

  private static ApiError missing(String field) {
    return ApiError.validation(
        "1 validation error detected: Value null at '"
            + field
            + "' failed to satisfy constraint: Member must not be null");
  }

  private static ApiError wrongType(String field) {
    return ApiError.badRequest(
        "SerializationException", "Unexpected value type for field '" + field + "'");
  }

  /** An integer member, or {@code defaultValue} when absent (its range is the model's to check). */
  int integer(String field, int defaultValue) throws ApiError {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isNumber()) {
      throw wrongType(field);
    }
    return v.asInt();
  }

  boolean bool(String field) {
    return body.path(field).asBoolean(false);
  }

  /** {@code maxResults} (0 to 1000 by the model), where 0 or none means AWS's default of 100. */
  int pageSize() throws ApiError {
    int max = integer("maxResults", 100);
    return max == 0 ? 100 : max;
  }
}
