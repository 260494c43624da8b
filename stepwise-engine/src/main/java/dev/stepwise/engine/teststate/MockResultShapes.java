package dev.stepwise.engine.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.teststate.TestStateRequest.FieldValidationMode;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a Task's mocked result against the response shape of the API it calls, with AWS's messages
 * ({@code Mock result schema validation error: ...}). The shapes are a resource, read once; fields
 * a shape does not know are accepted in every mode, as AWS accepts them.
 */
final class MockResultShapes {
  private static final String PREFIX = "Mock result schema validation error: ";

  private final JsonNode shapes;
  private final JsonNode resources;

  private MockResultShapes(JsonNode document) {
    this.shapes = document.path("shapes");
    this.resources = document.path("resources");
  }

  static MockResultShapes load() {
    try (InputStream in = MockResultShapes.class.getResourceAsStream("mock-result-shapes.json")) {
      if (in == null) {
        throw new IllegalStateException("mock-result-shapes.json is missing from the classpath");
      }
      return new MockResultShapes(
          Json.parseTrusted(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The response shape of a service integration's API, or null when it is not checked. */
  @Nullable JsonNode shapeOf(Resource resource) {
    if (resource.family() != Resource.Family.TASK || resource.resourceType().isEmpty()) {
      return null;
    }
    JsonNode name = resources.get(resource.resourceType() + ":" + resource.resource());
    return name == null ? null : shapes.get(name.asText());
  }

  /** Fails with AWS's message at the first field that does not fit. */
  void check(Resource resource, JsonNode result, FieldValidationMode mode) throws ServiceException {
    JsonNode shape = shapeOf(resource);
    if (shape == null || mode == FieldValidationMode.NONE || result.isNull()) {
      return;
    }
    if (!result.isObject()) {
      throw ServiceException.validation("Mocked result must be a JSON object.");
    }
    check(shape, result, null, mode == FieldValidationMode.STRICT);
  }

  private void check(JsonNode shape, JsonNode value, @Nullable String field, boolean strict)
      throws ServiceException {
    JsonNode ref = shape.get("$ref");
    if (ref != null) {
      check(shapes.path(ref.asText()), value, field, strict);
      return;
    }
    String type = shape.path("type").asText();
    switch (type) {
      case "document" -> {}
      case "structure" -> {
        if (!value.isObject()) {
          throw invalid(field, "must be an object");
        }
        if (strict) {
          for (JsonNode required : shape.path("required")) {
            if (!value.has(required.asText())) {
              throw ServiceException.validation(
                  PREFIX + "Required field '" + required.asText() + "' is missing");
            }
          }
        }
        JsonNode members = shape.path("members");
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          JsonNode member = members.get(e.getKey());
          if (member != null) {
            check(member, e.getValue(), e.getKey(), strict);
          }
        }
      }
      case "list" -> {
        if (!value.isArray()) {
          throw invalid(field, "must be an array");
        }
        for (JsonNode item : value) {
          check(shape.path("member"), item, field, strict);
        }
      }
      case "map" -> {
        if (!value.isObject()) {
          throw invalid(field, "must be an object");
        }
        for (JsonNode item : value) {
          check(shape.path("value"), item, field, strict);
        }
      }
      case "string", "timestamp", "blob" -> {
        if (!value.isTextual()) {
          throw invalid(field, "must be a string");
        }
        JsonNode allowed = shape.get("enum");
        if (allowed != null && !contains(allowed, value.asText())) {
          throw invalid(field, "is not an expected value");
        }
        int length = value.asText().length();
        if (shape.has("min") && length < shape.get("min").asInt()) {
          throw invalid(field, "is smaller than the minimum length");
        }
        if (shape.has("max") && length > shape.get("max").asInt()) {
          throw invalid(field, "exceeds the maximum length");
        }
      }
      case "integer", "long", "double", "float" -> {
        boolean integral = type.equals("integer") || type.equals("long");
        if (!value.isNumber() || (integral && !value.isIntegralNumber())) {
          throw invalid(field, "must be a number");
        }
        if (shape.has("min") && value.asDouble() < shape.get("min").asDouble()) {
          throw invalid(field, "is less than the minimum value");
        }
        if (shape.has("max") && value.asDouble() > shape.get("max").asDouble()) {
          throw invalid(field, "exceeds the maximum value");
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          throw invalid(field, "must be a boolean");
        }
      }
      default -> throw new IllegalStateException("unknown shape type " + type);
    }
  }

  private static boolean contains(JsonNode values, String value) {
    for (JsonNode v : values) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static ServiceException invalid(@Nullable String field, String problem) {
    return ServiceException.validation(PREFIX + "Field '" + field + "' " + problem);
  }
}
