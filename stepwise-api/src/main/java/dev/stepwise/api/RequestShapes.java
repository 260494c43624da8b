package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/*
 * Implementation notes.
 *
 * The shapes come from AWS's API model (botocore's stepfunctions service-2.json), derived into
 * request-shapes.json; RequestShapesModelTest derives them again from the model when it is on the
 * machine and fails when the two differ, so the file follows the model by review, not at run time.
 *
 * The messages are those of AWS's request layer (Coral), which Step Functions shares with the other
 * AWS JSON services: the recorded Step Functions texts (maxResults, nextToken, name, statusFilter)
 * and, for type errors, the texts Coral is known to send (as reproduced by kinesalite, an emulator
 * of another Coral service). A sensitive member's value is never quoted back.
 */
/**
 * AWS's checks of a request against the API model, before the operation runs: a member of the wrong
 * JSON type is a {@code SerializationException}; then every missing required member, length, range,
 * enum and pattern violation is listed in one {@code ValidationException} ({@code N validation
 * errors detected: ...}). Members the model does not know are ignored, as AWS ignores them.
 */
final class RequestShapes {
  /** One shape of the model (only what the checks need). */
  record Shape(
      String name,
      String type,
      @Nullable BigDecimal min,
      @Nullable BigDecimal max,
      @Nullable Pattern pattern,
      @Nullable List<String> enumValues,
      boolean sensitive,
      List<String> required,
      Map<String, String> members,
      @Nullable String member) {}

  /**
   * Enum sets AWS lists in another order than the model's (recorded: test_sfn_api
   * test_state_machine_status_filter); the others appear in the model's order.
   */
  private static final Map<String, List<String>> RECORDED_ENUM_ORDER =
      Map.of(
          "ExecutionStatus",
          List.of("SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED", "RUNNING"));

  /** AWS lists at most this many violations. */
  private static final int MAX_ERRORS = 10;

  private final Map<String, String> operations;
  private final Map<String, Shape> shapes;

  private RequestShapes(Map<String, String> operations, Map<String, Shape> shapes) {
    this.operations = operations;
    this.shapes = shapes;
  }

  /** The shapes shipped with Stepwise ({@code request-shapes.json}). */
  static RequestShapes load() {
    try (InputStream in = RequestShapes.class.getResourceAsStream("request-shapes.json")) {
      if (in == null) {
        throw new IllegalStateException("request-shapes.json is missing from the classpath");
      }
      return of(Json.mapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RequestShapes of(JsonNode document) {
    Map<String, String> operations = new HashMap<>();
    document
        .path("operations")
        .properties()
        .forEach(e -> operations.put(e.getKey(), e.getValue().asText()));
    Map<String, Shape> shapes = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : document.path("shapes").properties()) {
      JsonNode s = e.getValue();
      List<String> required = new ArrayList<>();
      s.path("required").forEach(r -> required.add(r.asText()));
      Map<String, String> members = new java.util.LinkedHashMap<>();
      s.path("members").properties().forEach(m -> members.put(m.getKey(), m.getValue().asText()));
      List<String> enumValues = null;
      if (s.has("enum")) {
        enumValues = new ArrayList<>();
        for (JsonNode v : s.get("enum")) {
          enumValues.add(v.asText());
        }
        List<String> recorded = RECORDED_ENUM_ORDER.get(e.getKey());
        if (recorded != null
            && new java.util.HashSet<>(recorded).equals(new java.util.HashSet<>(enumValues))) {
          enumValues = recorded;
        }
      }
      shapes.put(
          e.getKey(),
          new Shape(
              e.getKey(),
              s.path("type").asText(),
              s.has("min") ? s.get("min").decimalValue() : null,
              s.has("max") ? s.get("max").decimalValue() : null,
              s.has("pattern") ? Pattern.compile(s.get("pattern").asText()) : null,
              enumValues,
              s.path("sensitive").asBoolean(false),
              List.copyOf(required),
              members,
              s.hasNonNull("member") ? s.get("member").asText() : null));
    }
    return new RequestShapes(Map.copyOf(operations), Map.copyOf(shapes));
  }

  /**
   * Checks {@code body} against the input of {@code operation} (nothing for an operation the model
   * does not have).
   *
   * @throws ApiError SerializationException or ValidationException, as AWS answers
   */
  void check(String operation, JsonNode body) throws ApiError {
    String input = operations.get(operation);
    if (input == null) {
      return;
    }
    Shape shape = shapes.get(input);
    types(shape, body);
    List<String> errors = new ArrayList<>();
    constraints(shape, body, "", errors);
    if (!errors.isEmpty()) {
      List<String> listed = errors.subList(0, Math.min(MAX_ERRORS, errors.size()));
      throw ApiError.validation(
          errors.size()
              + (errors.size() == 1 ? " validation error" : " validation errors")
              + " detected: "
              + String.join("; ", listed));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Types, in the order the request gives its members (AWS reads them in that order)

  private void types(Shape shape, JsonNode value) throws ApiError {
    if (value == null || value.isNull()) {
      return;
    }
    switch (shape.type()) {
      case "structure" -> {
        if (value.isArray()) {
          throw serialization("Start of list found where not expected");
        }
        if (!value.isObject()) {
          throw serialization("Expected null");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          String member = shape.members().get(e.getKey());
          if (member != null) {
            types(shapes.get(member), e.getValue());
          }
        }
      }
      case "list" -> {
        if (value.isObject()) {
          throw serialization("Start of structure or map found where not expected.");
        }
        if (!value.isArray()) {
          throw serialization("Expected list or null");
        }
        Shape item = shapes.get(shape.member());
        for (JsonNode v : value) {
          types(item, v);
        }
      }
      case "string" -> scalar(value, value.isTextual(), "String");
      case "boolean" -> {
        if (value.isTextual()) {
          throw serialization(
              "'"
                  + value.asText().toUpperCase(Locale.ROOT)
                  + "' can not be converted to an Boolean");
        }
        scalar(value, value.isBoolean(), "Boolean");
      }
      case "integer", "long", "float", "double" ->
          scalar(value, value.isNumber(), capitalized(shape.type()));
      default -> {
        // timestamps, blobs: none in Step Functions requests
      }
    }
  }

  private static void scalar(JsonNode value, boolean fits, String javaType) throws ApiError {
    if (fits) {
      return;
    }
    if (value.isObject()) {
      throw serialization("Start of structure or map found where not expected.");
    }
    if (value.isArray()) {
      throw serialization("Start of list found where not expected");
    }
    String from =
        value.isBoolean()
            ? "java.lang.Boolean"
            : value.isNumber() ? "java.math.BigDecimal" : "java.lang.String";
    throw serialization("class " + from + " can not be converted to an " + javaType);
  }

  private static String capitalized(String type) {
    return Character.toUpperCase(type.charAt(0)) + type.substring(1);
  }

  private static ApiError serialization(String message) {
    return ApiError.badRequest("SerializationException", message);
  }

  // ---------------------------------------------------------------------------------------------
  // Constraints, in the model's member order

  private void constraints(Shape shape, JsonNode value, String at, List<String> errors) {
    switch (shape.type()) {
      case "structure" -> {
        for (Map.Entry<String, String> m : shape.members().entrySet()) {
          JsonNode v = value.get(m.getKey());
          String path = at.isEmpty() ? m.getKey() : at + "." + m.getKey();
          Shape member = shapes.get(m.getValue());
          if (v == null || v.isNull()) {
            if (shape.required().contains(m.getKey())) {
              errors.add(
                  "Value null at '"
                      + path
                      + "' failed to satisfy constraint: Member must not be null");
            }
            continue;
          }
          member(member, v, path, errors);
        }
      }
      case "list" -> {
        Shape item = shapes.get(shape.member());
        for (int i = 0; i < value.size(); i++) {
          member(item, value.get(i), at + "." + (i + 1) + ".member", errors);
        }
      }
      default -> {
        // scalars are checked by member()
      }
    }
  }

  private void member(Shape shape, JsonNode value, String path, List<String> errors) {
    String failed = violation(shape, value);
    if (failed != null) {
      errors.add(
          (shape.sensitive() ? "Value" : "Value '" + shown(shape, value) + "'")
              + " at '"
              + path
              + "' failed to satisfy constraint: "
              + failed);
    }
    if (shape.type().equals("structure") || shape.type().equals("list")) {
      constraints(shape, value, path, errors);
    }
  }

  /** The first constraint {@code value} breaks, or null. */
  private static @Nullable String violation(Shape shape, JsonNode value) {
    switch (shape.type()) {
      case "string" -> {
        String s = value.asText();
        if (shape.min() != null && s.length() < shape.min().intValue()) {
          return "Member must have length greater than or equal to " + shape.min();
        }
        if (shape.max() != null && s.length() > shape.max().intValue()) {
          return "Member must have length less than or equal to " + shape.max();
        }
        if (shape.enumValues() != null && !shape.enumValues().contains(s)) {
          return "Member must satisfy enum value set: ["
              + String.join(", ", shape.enumValues())
              + "]";
        }
        if (shape.pattern() != null && !shape.pattern().matcher(s).matches()) {
          return "Member must satisfy regular expression pattern: " + shape.pattern().pattern();
        }
        return null;
      }
      case "list" -> {
        if (shape.min() != null && value.size() < shape.min().intValue()) {
          return "Member must have length greater than or equal to " + shape.min();
        }
        if (shape.max() != null && value.size() > shape.max().intValue()) {
          return "Member must have length less than or equal to " + shape.max();
        }
        return null;
      }
      case "integer", "long", "float", "double" -> {
        if (!Double.isFinite(value.doubleValue()) && value.isFloatingPointNumber()) {
          // 1e400 and the like: beyond any bound (Jackson reads them as infinite doubles)
          return value.doubleValue() > 0 && shape.max() != null
              ? "Member must have value less than or equal to " + shape.max()
              : shape.min() != null
                  ? "Member must have value greater than or equal to " + shape.min()
                  : null;
        }
        BigDecimal n = value.decimalValue();
        if (shape.min() != null && n.compareTo(shape.min()) < 0) {
          return "Member must have value greater than or equal to " + shape.min();
        }
        if (shape.max() != null && n.compareTo(shape.max()) > 0) {
          return "Member must have value less than or equal to " + shape.max();
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * A value as AWS quotes it: text as is, a list as {@code [a, b]}, a structure as its Java form.
   */
  private String shown(Shape shape, JsonNode value) {
    return switch (shape.type()) {
      case "string" -> value.asText();
      case "integer", "long" ->
          Double.isFinite(value.doubleValue()) || !value.isFloatingPointNumber()
              ? value.decimalValue().toBigInteger().toString()
              : value.asText();
      case "list" -> {
        Shape item = shapes.get(shape.member());
        List<String> items = new ArrayList<>();
        value.forEach(v -> items.add(shown(item, v)));
        yield items.toString();
      }
      case "structure" -> {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, String> m : shape.members().entrySet()) {
          JsonNode v = value.get(m.getKey());
          if (v != null && !v.isNull()) {
            Shape member = shapes.get(m.getValue());
            fields.add(m.getKey() + "=" + (member.sensitive() ? "***" : shown(member, v)));
          }
        }
        yield shape.name() + "(" + String.join(", ", fields) + ")";
      }
      default -> Json.write(value);
    };
  }
}
