package dev.stepwise.language.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Converts between Jackson trees and the Map/List/Number model the JSONata library uses. */
final class JsonataValues {
  private JsonataValues() {}

  /** A JSON value as JSONata data; a top-level JSON null becomes {@link Jsonata#NULL_VALUE}. */
  static @Nullable Object toJsonata(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNull()) {
      return Jsonata.NULL_VALUE;
    }
    return plain(node);
  }

  private static @Nullable Object plain(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
        yield map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(plain(item)));
        yield list;
      }
      case STRING -> node.asText();
      case BOOLEAN -> node.asBoolean();
      case NUMBER ->
          node.isIntegralNumber()
              ? (Object) (node.canConvertToLong() ? node.asLong() : node.bigIntegerValue())
              : node.asDouble();
      default -> null;
    };
  }

  /** Whether a JSONata result can be returned as JSON (functions cannot). */
  static boolean representable(Object value) {
    return value == Jsonata.NULL_VALUE
        || value instanceof Map<?, ?>
        || value instanceof List<?>
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean;
  }

  /** A JSONata result as JSON: integral doubles become integers, as JavaScript prints them. */
  static JsonNode toJson(@Nullable Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return Json.NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = Json.NODES.objectNode();
      map.forEach(
          (k, v) -> {
            if (v != null && representable(v)) {
              o.set(String.valueOf(k), toJson(v));
            } else if (v == null) {
              o.putNull(String.valueOf(k));
            }
          });
      return o;
    }
    if (value instanceof List<?> list) {
      ArrayNode a = Json.NODES.arrayNode(list.size());
      for (Object item : list) {
        a.add(toJson(item));
      }
      return a;
    }
    if (value instanceof String s) {
      return Json.NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return Json.NODES.booleanNode(b);
    }
    if (value instanceof Double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.007199254740992E15) {
        return Json.NODES.numberNode(d.longValue());
      }
      return Json.NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return toJson(f.doubleValue());
    }
    if (value instanceof BigInteger b) {
      return Json.NODES.numberNode(b);
    }
    if (value instanceof BigDecimal b) {
      return Json.NODES.numberNode(b);
    }
    if (value instanceof Number n) {
      return Json.NODES.numberNode(n.longValue());
    }
    return Json.NODES.textNode(String.valueOf(value));
  }
}
