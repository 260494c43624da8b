package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON values as the plain Java objects AWS's engine evaluates intrinsics on ({@code String},
 * {@code Integer}/{@code Long}/{@code BigInteger}/{@code Double}, {@code Boolean}, {@code null},
 * {@code List}, {@code Map}). AWS's behaviour shows through them: {@code States.Format} prints
 * {@code {"a":[1]}} as {@code {a=[1]}}, {@code States.ArrayContains} compares those texts, and
 * {@code States.ArrayUnique} returns {@code HashSet} order.
 */
final class JavaValues {
  private JavaValues() {}

  static @Nullable Object of(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> node.textValue();
      case NUMBER -> node.numberValue();
      case BOOLEAN -> node.booleanValue();
      case NULL, MISSING -> null;
      case ARRAY -> {
        List<@Nullable Object> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(of(element)));
        yield list;
      }
      case OBJECT -> {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), of(e.getValue())));
        yield map;
      }
      case BINARY, POJO -> node.toString();
    };
  }

  /** {@code String.valueOf} of the Java object. */
  static String text(JsonNode node) {
    return String.valueOf(of(node));
  }
}
