package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The corpus README's comparison rules: wildcards, JSON in strings, multiset history windows. */
final class Expectations {
  private Expectations() {}

  /** Expected strings the recorder put where a volatile value was: each matches anything. */
  static final Set<String> REPLACED =
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

  private static final Set<String> LATER_KEYS =
      Set.of("RedriveCount", "RedriveStatus", "RedriveStatusReason");

  private static final Set<String> TRANSPORT_KEYS =
      Set.of("SdkHttpMetadata", "SdkResponseMetadata");

  private static final Pattern TOKEN = Pattern.compile("<[^<>]+>");

  /** Every difference between what AWS recorded and the outcome; empty when the case passes. */
  static List<String> compare(JsonNode expected, Outcome actual, Set<String> wildcards) {
    List<String> problems = new ArrayList<>();
    String status = expected.path("status").asText();
    if (!status.equals(actual.status())) {
      problems.add("status: expected " + status + " but was " + actual.status());
    }
    if (expected.has("output")) {
      if (actual.output() == null) {
        problems.add("output: expected " + Json.write(expected.get("output")) + " but none");
      } else {
        JsonNode out = parseOrText(actual.output());
        String diff = diff("$", expected.get("output"), out, wildcards);
        if (diff != null) {
          problems.add("output " + diff + "; actual " + abbreviate(actual.output()));
        }
      }
    }
    if (!"SUCCEEDED".equals(status)) {
      compareText("error", expected.get("error"), actual.error(), wildcards, problems);
      compareText("cause", expected.get("cause"), actual.cause(), wildcards, problems);
    }
    if (expected.has("history_event_types")) {
      List<String> want = new ArrayList<>();
      expected.get("history_event_types").forEach(t -> want.add(t.asText()));
      if (!canonical(want).equals(canonical(actual.historyEventTypes()))) {
        problems.add("history: expected " + want + " but was " + actual.historyEventTypes());
      }
    }
    return problems;
  }

  private static void compareText(
      String field,
      @Nullable JsonNode expected,
      @Nullable String actual,
      Set<String> wildcards,
      List<String> problems) {
    if (expected == null) {
      if (actual != null) {
        problems.add(field + ": expected none but was " + abbreviate(actual));
      }
      return;
    }
    if (actual == null) {
      problems.add(field + ": expected " + abbreviate(expected.asText()) + " but none");
      return;
    }
    String diff = diff("$", expected, parseOrText(actual), wildcards);
    if (diff != null) {
      problems.add(field + " " + diff);
    }
  }

  private static JsonNode parseOrText(String text) {
    try {
      return Json.parse(text);
    } catch (Exception e) {
      return Json.NODES.textNode(text);
    }
  }

  /** Null when {@code actual} matches {@code expected}; else where and how they differ. */
  static @Nullable String diff(
      String at, JsonNode expected, JsonNode actual, Set<String> wildcards) {
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
      return at
          + ": expected "
          + Json.write(expected)
          + " but was "
          + abbreviate(Json.write(actual));
    }
    if ((expected.isObject() || expected.isArray()) && actual.isTextual()) {
      JsonNode parsed = parseOrText(actual.asText());
      if (!parsed.isTextual()) {
        return diff(at, expected, parsed, wildcards);
      }
    }
    if (expected.isNumber()) {
      return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0
          ? null
          : at + ": expected " + expected + " but was " + abbreviate(Json.write(actual));
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return at + ": expected an object but was " + abbreviate(Json.write(actual));
      }
      for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!expected.has(key) && !LATER_KEYS.contains(key)) {
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
        String d = diff(at + "." + e.getKey(), e.getValue(), value, wildcards);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return at
            + ": expected "
            + abbreviate(Json.write(expected))
            + " but was "
            + abbreviate(Json.write(actual));
      }
      for (int i = 0; i < expected.size(); i++) {
        String d = diff(at + "[" + i + "]", expected.get(i), actual.get(i), wildcards);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return expected.equals(actual)
        ? null
        : at + ": expected " + expected + " but was " + abbreviate(Json.write(actual));
  }

  /** {@code <token>} matches any run of characters; the recorder's account any 12 digits. */
  static boolean textMatches(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    if (!expected.contains("<") && !expected.contains("111111111111")) {
      return false;
    }
    StringBuilder regex = new StringBuilder();
    int last = 0;
    var m = TOKEN.matcher(expected);
    while (m.find()) {
      regex.append(literal(expected.substring(last, m.start()))).append("[\\s\\S]*");
      last = m.end();
    }
    regex.append(literal(expected.substring(last)));
    return Pattern.compile(regex.toString()).matcher(actual).matches();
  }

  private static String literal(String text) {
    return Pattern.quote(text).replace("111111111111", "\\E[0-9]{12}\\Q");
  }

  /**
   * The history with each window between a {@code ParallelStateStarted}/{@code MapStateStarted} and
   * its closing event as a sorted multiset: branches and iterations interleave freely.
   */
  static List<Object> canonical(List<String> types) {
    List<Object> out = new ArrayList<>();
    int depth = 0;
    List<String> window = new ArrayList<>();
    for (String t : types) {
      boolean opens = t.equals("ParallelStateStarted") || t.equals("MapStateStarted");
      boolean closes = t.matches("(Parallel|Map)State(Succeeded|Failed|Aborted)");
      if (depth == 0 && !opens) {
        out.add(t);
        continue;
      }
      window.add(t);
      if (opens) {
        depth++;
      } else if (closes) {
        depth--;
      }
      if (depth == 0) {
        window.sort(null);
        out.add(List.copyOf(window));
        window.clear();
      }
    }
    if (!window.isEmpty()) {
      window.sort(null);
      out.add(List.copyOf(window));
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
