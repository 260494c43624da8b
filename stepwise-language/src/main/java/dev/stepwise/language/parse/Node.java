package dev.stepwise.language.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An object of the definition with its location, and typed reads that report a diagnostic (and
 * return null) instead of throwing.
 */
record Node(JsonNode json, String location, Diagnostics diagnostics) {

  boolean has(String field) {
    return json.has(field);
  }

  @Nullable JsonNode get(String field) {
    return json.get(field);
  }

  String at(String field) {
    return location.equals("/") ? "/" + field : location + "/" + field;
  }

  /** Reports every member not in {@code allowed}, in document order. */
  void allowOnly(Set<String> allowed) {
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        diagnostics.schema("Field '" + f + "' is not supported", location);
      }
    }
  }

  @Nullable String string(String field) {
    JsonNode v = json.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      diagnostics.schema(typeMessage(field, "STRING", v), at(field));
      return null;
    }
    return v.asText();
  }

  @Nullable Long integer(String field, long min, long max) {
    JsonNode v = json.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      diagnostics.schema(typeMessage(field, "INTEGER", v), at(field));
      return null;
    }
    long n = v.asLong();
    if (n < min || n > max) {
      diagnostics.schema(
          "The value of the field '" + field + "' must be between " + min + " and " + max,
          at(field));
      return null;
    }
    return n;
  }

  @Nullable Double number(String field) {
    JsonNode v = json.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      diagnostics.schema(typeMessage(field, "NUMBER", v), at(field));
      return null;
    }
    return v.asDouble();
  }

  boolean bool(String field) {
    JsonNode v = json.get(field);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      diagnostics.schema(typeMessage(field, "BOOLEAN", v), at(field));
      return false;
    }
    return v.asBoolean();
  }

  @Nullable Node object(String field) {
    JsonNode v = json.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      diagnostics.schema(typeMessage(field, "OBJECT", v), at(field));
      return null;
    }
    return new Node(v, at(field), diagnostics);
  }

  /** Requires the listed fields, reporting them together as AWS does. */
  boolean require(String... fields) {
    StringBuilder missing = new StringBuilder();
    for (String f : fields) {
      if (!json.has(f)) {
        missing.append(missing.isEmpty() ? "" : ", ").append(f);
      }
    }
    if (!missing.isEmpty()) {
      diagnostics.schema("These fields are required: [" + missing + "]", location);
      return false;
    }
    return true;
  }

  /** At most one of the fields may be present. */
  void exclusive(String a, String b) {
    if (json.has(a) && json.has(b)) {
      diagnostics.schema(
          "Cannot have both the field '" + a + "' and the field '" + b + "' at the same time",
          location);
    }
  }

  static String typeMessage(String field, String expected, JsonNode actual) {
    return "The value of the field '"
        + field
        + "' must be of type "
        + expected
        + " but was "
        + actual.getNodeType().name();
  }
}
