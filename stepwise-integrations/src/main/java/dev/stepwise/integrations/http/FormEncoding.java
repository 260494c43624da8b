package dev.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} as the HTTP Task writes it: nested objects as {@code
 * key[child]}, arrays by {@link ArrayFormat}, and RFC 3986 percent-encoding (a space is {@code
 * %20}, brackets are {@code %5B %5D}), as AWS's example request shows.
 */
final class FormEncoding {
  private FormEncoding() {}

  /**
   * A name and its value, not yet encoded; {@code COMMAS} gives one pair several values, written
   * encoded and joined by a literal comma (AWS: {@code array=a,b,c,d}).
   */
  record Pair(String name, List<String> values) {
    Pair {
      values = List.copyOf(values);
    }

    static Pair of(String name, String value) {
      return new Pair(name, List.of(value));
    }
  }

  /** {@code name=value&...} for a JSON object. */
  static String encode(JsonNode object, ArrayFormat format) {
    return join(pairs(object, format));
  }

  /** The flattened name-value pairs of a JSON object. */
  static List<Pair> pairs(JsonNode object, ArrayFormat format) {
    List<Pair> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      add(field.getKey(), field.getValue(), format, out);
    }
    return out;
  }

  static String join(List<Pair> pairs) {
    StringBuilder text = new StringBuilder();
    for (Pair pair : pairs) {
      if (!text.isEmpty()) {
        text.append('&');
      }
      text.append(percent(pair.name())).append('=');
      text.append(String.join(",", pair.values().stream().map(FormEncoding::percent).toList()));
    }
    return text.toString();
  }

  private static void add(String name, JsonNode value, ArrayFormat format, List<Pair> out) {
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        add(name + "[" + field.getKey() + "]", field.getValue(), format, out);
      }
    } else if (value.isArray()) {
      if (format == ArrayFormat.COMMAS) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
          items.add(scalar(item));
        }
        out.add(new Pair(name, items));
        return;
      }
      int index = 0;
      for (JsonNode item : value) {
        String itemName =
            switch (format) {
              case INDICES -> name + "[" + index + "]";
              case BRACKETS -> name + "[]";
              case REPEAT, COMMAS -> name;
            };
        add(itemName, item, format, out);
        index++;
      }
    } else {
      out.add(Pair.of(name, scalar(value)));
    }
  }

  /** A value's text: strings as they are, null as empty, anything else as JSON. */
  static String scalar(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isNull()) {
      return "";
    }
    return value.isContainerNode() ? Json.write(value) : value.asText();
  }

  /** RFC 3986: everything but {@code A-Z a-z 0-9 - . _ ~} as {@code %XX} of its UTF-8 bytes. */
  static String percent(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
