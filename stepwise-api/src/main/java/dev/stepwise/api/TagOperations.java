package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tags of state machines and activities: TagResource, UntagResource, ListTagsForResource. */
final class TagOperations {
  private final StepFunctionsService service;

  TagOperations(StepFunctionsService service) {
    this.service = service;
  }

  void register(Map<String, Operations.Operation> table) {
    table.put("TagResource", this::tagResource);
    table.put("UntagResource", this::untagResource);
    table.put("ListTagsForResource", this::listTagsForResource);
  }

  private JsonNode tagResource(Request r) throws ApiError, ServiceException {
    String arn = r.required("resourceArn");
    service.tags().tag(arn, tags(r, true));
    return Json.NODES.objectNode();
  }

  private JsonNode untagResource(Request r) throws ApiError, ServiceException {
    String arn = r.required("resourceArn");
    JsonNode keys = r.array("tagKeys", true);
    List<String> list = new ArrayList<>();
    for (JsonNode k : keys) {
      list.add(k.asText());
    }
    service.tags().untag(arn, list);
    return Json.NODES.objectNode();
  }

  private JsonNode listTagsForResource(Request r) throws ApiError, ServiceException {
    Map<String, String> tags = service.tags().list(r.required("resourceArn"));
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("tags");
    tags.forEach(
        (k, v) -> {
          ObjectNode tag = list.addObject();
          tag.put("key", k);
          tag.put("value", v);
        });
    return o;
  }

  /** Tag keys and values: Unicode letters, digits, white space and {@code _ . : / = + - @}. */
  private static final java.util.regex.Pattern TAG_TEXT =
      java.util.regex.Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$");

  /**
   * The {@code tags} member, {@code [{"key","value"}]}, with AWS's constraints on each; a later key
   * replaces an earlier one.
   */
  static Map<String, String> tags(Request r, boolean required) throws ApiError {
    JsonNode list = r.array("tags", required);
    if (list == null) {
      return Map.of();
    }
    java.util.LinkedHashMap<String, String> tags = new java.util.LinkedHashMap<>();
    int i = 0;
    for (JsonNode tag : list) {
      i++;
      String key = tagText(tag, "key", "tags." + i + ".member.key", 1, 128);
      String value = tagText(tag, "value", "tags." + i + ".member.value", 0, 256);
      if (key.startsWith("aws:")) {
        // [INFER] AWS reserves the prefix; its exact rejection text is not documented.
        throw ApiError.validation(
            "1 validation error detected: Value '"
                + key
                + "' at 'tags."
                + i
                + ".member.key' failed to satisfy constraint: Member must not start with 'aws:'");
      }
      tags.put(key, value);
    }
    return tags;
  }

  private static String tagText(JsonNode tag, String member, String path, int min, int max)
      throws ApiError {
    JsonNode v = tag.get(member);
    if (v == null || v.isNull()) {
      if (min == 0) {
        return "";
      }
      throw ApiError.validation(
          "1 validation error detected: Value null at '"
              + path
              + "' failed to satisfy constraint: Member must not be null");
    }
    String text = v.asText();
    String problem =
        text.length() < min
            ? "Member must have length greater than or equal to " + min
            : text.length() > max
                ? "Member must have length less than or equal to " + max
                : !TAG_TEXT.matcher(text).matches()
                    ? "Member must satisfy regular expression pattern: " + TAG_TEXT.pattern()
                    : null;
    if (problem != null) {
      throw ApiError.validation(
          "1 validation error detected: Value '"
              + text
              + "' at '"
              + path
              + "' failed to satisfy constraint: "
              + problem);
    }
    return text;
  }
}
