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
