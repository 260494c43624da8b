package dev.stepwise.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import org.jspecify.annotations.Nullable;

/** The security file: one JSON object whose top-level arrays are its sections. */
public final class SecurityFile {
  private SecurityFile() {}

  /**
   * @throws IllegalArgumentException when the text is not JSON
   */
  public static JsonNode parse(String configJson) {
    try {
      return Json.parse(configJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "The configuration is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * A non-empty string member of an entry.
   *
   * @param at where the entry is, for the error (e.g. {@code Roles[0]})
   * @throws IllegalArgumentException when it is missing, not a string, or blank
   */
  public static String text(JsonNode entry, String field, String at) {
    JsonNode value = entry.get(field);
    if (value == null) {
      throw new IllegalArgumentException(at + "." + field + " is missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(at + "." + field + " must be a non-empty string");
    }
    return value.asText();
  }

  /**
   * @throws IllegalArgumentException when the entry has a member not in {@code known}
   */
  public static void rejectUnknown(JsonNode entry, java.util.Set<String> known, String at) {
    for (java.util.Map.Entry<String, JsonNode> field : entry.properties()) {
      if (!known.contains(field.getKey())) {
        throw new IllegalArgumentException(
            at + " has an unknown element \"" + field.getKey() + "\"");
      }
    }
  }

  /**
   * The array under {@code name}, or null when the section is absent.
   *
   * @throws IllegalArgumentException when the document is no object or the section no array
   */
  public static @Nullable JsonNode section(@Nullable JsonNode config, String name) {
    if (config == null || !config.isObject()) {
      throw new IllegalArgumentException("The configuration must be a JSON object");
    }
    JsonNode section = config.get(name);
    if (section == null || section.isNull()) {
      return null;
    }
    if (!section.isArray()) {
      throw new IllegalArgumentException(name + " must be an array");
    }
    return section;
  }
}
