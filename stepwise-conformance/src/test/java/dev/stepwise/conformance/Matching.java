package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The corpus README's rules for comparing one recorded value with an actual one: wildcard strings,
 * {@code <token>}s, the recorder's account, JSON held in strings, numbers by value, keys AWS added
 * later, SDK transport metadata and (for {@code api_calls} cases) literal labels, labels that could
 * not be resolved, numbered tokens bound once per case and lists compared sorted.
 */
final class Matching {
  /** Expected strings the recorder put where a volatile value was: each matches anything. */
  private static final Set<String> REPLACED =
      Set.of(
          "date",
          "datetime",
          "timestamp",
          "start-date",
          "stop-date",
          "RequestId",
          "x-amzn-RequestId",
          "x-amzn-requestid",
          "X-Amzn-Trace-Id",
          "x-amz-crc32",
          "snf_role_arn",
          "sfn_role_arn");

  private static final Set<String> TRANSPORT_KEYS =
      Set.of("SdkHttpMetadata", "SdkResponseMetadata");

  private static final Pattern TOKEN = Pattern.compile("<[^<>]+>");
  private static final Pattern NUMBERED = Pattern.compile("<[^<>:]+:\\d+>");

  private final Set<String> wildcards;
  private final Predicate<String> toleratedKey;
  private final Set<String> literalLabels;
  private final List<String> unresolvedLabels;
  private final Set<String> sortedLists;
  private final @Nullable Map<String, String> bindings;

  private Matching(
      Set<String> wildcards,
      Predicate<String> toleratedKey,
      Set<String> literalLabels,
      List<String> unresolvedLabels,
      Set<String> sortedLists,
      @Nullable Map<String, String> bindings) {
    this.wildcards = wildcards;
    this.toleratedKey = toleratedKey;
    this.literalLabels = literalLabels;
    this.unresolvedLabels = unresolvedLabels;
    this.sortedLists = sortedLists;
    this.bindings = bindings;
  }

  /** Execution cases: wildcards, tokens and keys AWS added later ({@code toleratedKey}). */
  static Matching forExecutions(Set<String> wildcards, Predicate<String> toleratedKey) {
    return new Matching(wildcards, toleratedKey, Set.of(), List.of(), Set.of(), null);
  }

  /**
   * {@code api_calls} cases: besides the execution rules, the labels of resolved replacements are
   * literal, those of unresolved ones match anything, numbered tokens bind to the first value they
   * match, and the lists under the {@code sortedLists} keys compare sorted.
   */
  static Matching forApiCalls(
      Set<String> wildcards,
      Predicate<String> toleratedKey,
      Set<String> literalLabels,
      List<String> unresolvedLabels,
      Set<String> sortedLists) {
    return new Matching(
        wildcards, toleratedKey, literalLabels, unresolvedLabels, sortedLists, new HashMap<>());
  }

  /** Null when {@code actual} matches {@code expected}; else where and how they differ. */
  @Nullable String diff(String at, JsonNode expected, JsonNode actual) {
    if (expected.isTextual()) {
      String want = expected.asText();
      if (REPLACED.contains(want) || wildcards.contains(want)) {
        return null;
      }
      if (actual.isTextual() && textMatches(want, actual.asText())) {
        return null;
      }
      if (!actual.isTextual() && textMatches(want, Json.write(actual))) {
        return null;
      }
      return at + ": expected " + Json.write(expected) + " but was " + abbreviate(actual);
    }
    if ((expected.isObject() || expected.isArray()) && actual.isTextual()) {
      JsonNode parsed = parseOrText(actual.asText());
      if (!parsed.isTextual()) {
        return diff(at, expected, parsed);
      }
    }
    if (expected.isNumber()) {
      return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0
          ? null
          : at + ": expected " + expected + " but was " + abbreviate(actual);
    }
    if (expected.isObject()) {
      return objectDiff(at, expected, actual);
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return at + ": expected " + abbreviate(expected) + " but was " + abbreviate(actual);
      }
      for (int i = 0; i < expected.size(); i++) {
        String d = diff(at + "[" + i + "]", expected.get(i), actual.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return expected.equals(actual)
        ? null
        : at + ": expected " + expected + " but was " + abbreviate(actual);
  }

  private @Nullable String objectDiff(String at, JsonNode expected, JsonNode actual) {
    if (!actual.isObject()) {
      return at + ": expected an object but was " + abbreviate(actual);
    }
    for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!expected.has(key) && !toleratedKey.test(key)) {
        return at + ": unexpected key '" + key + "'";
      }
    }
    for (Map.Entry<String, JsonNode> e : expected.properties()) {
      JsonNode value = actual.get(e.getKey());
      if (value == null) {
        return at + ": missing key '" + e.getKey() + "'";
      }
      if (TRANSPORT_KEYS.contains(e.getKey())) {
        continue;
      }
      JsonNode want = e.getValue();
      if (sortedLists.contains(e.getKey())) {
        want = sorted(want);
        value = sorted(value.isTextual() ? parseOrText(value.asText()) : value);
      }
      String d = diff(at + "." + e.getKey(), want, value);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  /** The object with each list under it sorted (by its items' JSON text). */
  private static JsonNode sorted(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = Json.NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getValue().isArray()) {
        List<JsonNode> items = new ArrayList<>();
        e.getValue().forEach(items::add);
        items.sort((a, b) -> Json.write(a).compareTo(Json.write(b)));
        ArrayNode list = out.putArray(e.getKey());
        items.forEach(list::add);
      } else {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /**
   * {@code <token>} matches any run of characters (a resolved label only itself, a numbered token
   * the value it first matched), as does an unresolved label; the recorder's account any 12 digits.
   */
  boolean textMatches(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    if (!expected.contains("<")
        && !expected.contains("111111111111")
        && unresolvedLabels.stream().noneMatch(expected::contains)) {
      return false;
    }
    StringBuilder regex = new StringBuilder();
    List<String> groups = new ArrayList<>();
    int last = 0;
    var m = TOKEN.matcher(expected);
    while (m.find()) {
      regex.append(literal(expected.substring(last, m.start())));
      String token = m.group();
      if (literalLabels.contains(token)) {
        regex.append(Pattern.quote(token));
      } else if (bindings != null && NUMBERED.matcher(token).matches()) {
        String bound = bindings.get(token);
        int earlier = groups.indexOf(token);
        if (bound != null) {
          regex.append(Pattern.quote(bound));
        } else if (earlier >= 0) {
          regex.append("\\").append(earlier + 1);
        } else {
          groups.add(token);
          regex.append("([\\s\\S]*?)");
        }
      } else {
        regex.append("[\\s\\S]*");
      }
      last = m.end();
    }
    regex.append(literal(expected.substring(last)));
    var matcher = Pattern.compile(regex.toString()).matcher(actual);
    if (!matcher.matches()) {
      return false;
    }
    for (int i = 0; i < groups.size(); i++) {
      bindings.put(groups.get(i), matcher.group(i + 1));
    }
    return true;
  }

  private String literal(String text) {
    String quoted = Pattern.quote(text).replace("111111111111", "\\E[0-9]{12}\\Q");
    for (String label : unresolvedLabels) {
      quoted = quoted.replace(label, "\\E[\\s\\S]*\\Q");
    }
    return quoted;
  }

  static JsonNode parseOrText(String text) {
    try {
      JsonNode parsed = Json.parse(text);
      return parsed == null ? Json.NODES.textNode(text) : parsed;
    } catch (Exception e) {
      return Json.NODES.textNode(text);
    }
  }

  static String abbreviate(JsonNode node) {
    return abbreviate(Json.write(node));
  }

  static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
