package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code States.Array}, {@code ArrayPartition}, {@code ArrayContains}, {@code ArrayRange}, ... */
final class ArrayFunctions {
  private ArrayFunctions() {}

  /** AWS's cap on the length of a {@code States.ArrayRange} result. */
  static final int MAX_RANGE_ITEMS = 1000;

  static JsonNode array(Invocation call) {
    ArrayNode result = Json.NODES.arrayNode(call.args().size());
    call.args().forEach(arg -> result.add(arg.node()));
    return result;
  }

  static JsonNode partition(Invocation call) {
    call.arity(2);
    ArrayNode array = call.array(0);
    int size = call.truncated(1);
    if (size <= 0) {
      throw call.invalid();
    }
    ArrayNode chunks = Json.NODES.arrayNode();
    ArrayNode chunk = null;
    for (int i = 0; i < array.size(); i++) {
      if (i % size == 0) {
        chunk = chunks.addArray();
      }
      Objects.requireNonNull(chunk).add(array.get(i));
    }
    return chunks;
  }

  /** Membership by printed form, as AWS compares: {@code true} matches {@code "true"}. */
  static JsonNode contains(Invocation call) {
    call.arity(2);
    ArrayNode array = call.array(0);
    String wanted = call.value(1).text();
    for (JsonNode element : array) {
      if (call.value(0).elementText(element).equals(wanted)) {
        return BooleanNode.TRUE;
      }
    }
    return BooleanNode.FALSE;
  }

  static JsonNode range(Invocation call) {
    call.arity(3);
    long first = call.truncated(0);
    long last = call.truncated(1);
    long step = call.truncated(2);
    if (step == 0) {
      throw call.invalid();
    }
    long count = (step > 0 ? last < first : last > first) ? 0 : (last - first) / step + 1;
    if (count > MAX_RANGE_ITEMS) {
      throw call.invalid();
    }
    ArrayNode result = Json.NODES.arrayNode((int) count);
    for (long i = 0; i < count; i++) {
      result.add((int) (first + i * step));
    }
    return result;
  }

  /** Zero-based; AWS answers null for any index into an empty array. */
  static JsonNode getItem(Invocation call) {
    call.arity(2);
    ArrayNode array = call.array(0);
    int index = call.truncated(1);
    if (index < 0) {
      throw call.invalid();
    }
    if (array.isEmpty()) {
      return NullNode.getInstance();
    }
    if (index >= array.size()) {
      throw call.invalid();
    }
    return array.get(index);
  }

  static JsonNode length(Invocation call) {
    call.arity(1);
    return IntNode.valueOf(call.array(0).size());
  }

  /**
   * Removes duplicates (Java equality of the values) and, as AWS's engine collects them in a {@code
   * java.util.HashSet}, returns them in that set's iteration order: by hash bucket, then by first
   * occurrence. The table size is the one {@code new HashSet<>(list)} picks on Java 17.
   */
  static JsonNode unique(Invocation call) {
    call.arity(1);
    ArrayNode array = call.array(0);
    Map<Object, JsonNode> firstByValue = new LinkedHashMap<>();
    array.forEach(element -> firstByValue.putIfAbsent(JavaValues.of(element), element));
    int buckets = tableSize(Math.max((int) (array.size() / .75f) + 1, 16));
    List<Map.Entry<Object, JsonNode>> entries = new ArrayList<>(firstByValue.entrySet());
    entries.sort(Comparator.comparingInt(e -> bucket(e.getKey(), buckets)));
    ArrayNode result = Json.NODES.arrayNode(entries.size());
    entries.forEach(e -> result.add(e.getValue()));
    return result;
  }

  private static int bucket(Object key, int buckets) {
    int hash = Objects.hashCode(key);
    return (hash ^ (hash >>> 16)) & (buckets - 1);
  }

  /** {@code java.util.HashMap}'s table size for an initial capacity: the next power of two. */
  private static int tableSize(int capacity) {
    int size = Integer.highestOneBit(Math.max(capacity - 1, 1)) << 1;
    return Math.min(size, 1 << 30);
  }
}
