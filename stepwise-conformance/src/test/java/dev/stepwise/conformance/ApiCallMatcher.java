package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The corpus README's rules for {@code api_calls} responses: placeholders and replaced strings are
 * wildcards, numbered tokens bind to one value per case, the recorder's account matches any, and a
 * string holding JSON is compared with the object or array recorded for it.
 */
final class ApiCallMatcher {
  /** Execution cases' replaced strings, and the dates API responses add. */
  private static final Set<String> REPLACED = union(Expectations.REPLACED, Set.of("creation-date"));

  private static final Pattern TOKEN = Pattern.compile("<[^<>]+>");
  private static final Pattern NUMBERED = Pattern.compile("<[a-z_-]+:\\d+>");

  private final Set<String> wildcards;
  private final Set<String> literalLabels;
  private final Map<String, String> bound = new HashMap<>();

  /**
   * @param literalLabels the labels of resolved replacements: they must appear as they are
   */
  ApiCallMatcher(Set<String> wildcards, Set<String> literalLabels) {
    this.wildcards = wildcards;
    this.literalLabels = literalLabels;
  }

  /** The first difference, or null when {@code actual} matches. */
  @Nullable String diff(String at, JsonNode expected, JsonNode actual) {
    if (actual.isTextual() && (expected.isObject() || expected.isArray())) {
      JsonNode parsed = parse(actual.asText());
      if (parsed != null) {
        return diff(at, expected, parsed);
      }
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return at + ": expected an object but was " + Json.write(actual);
      }
      for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!actual.has(key)) {
          return at + "." + key + ": missing";
        }
        String d = diff(at + "." + key, expected.get(key), actual.get(key));
        if (d != null) {
          return d;
        }
      }
      for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!expected.has(key)) {
          return at + "." + key + ": unexpected " + Json.write(actual.get(key));
        }
      }
      return null;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return at + ": expected " + Json.write(expected) + " but was " + Json.write(actual);
      }
      for (int i = 0; i < expected.size(); i++) {
        String d = diff(at + "[" + i + "]", expected.get(i), actual.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected.isTextual()) {
      String text = actual.isTextual() ? actual.asText() : Json.write(actual);
      return matches(expected.asText(), text)
          ? null
          : at + ": expected \"" + expected.asText() + "\" but was " + Json.write(actual);
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0
          ? null
          : at + ": expected " + expected + " but was " + actual;
    }
    return expected.equals(actual)
        ? null
        : at + ": expected " + Json.write(expected) + " but was " + Json.write(actual);
  }

  /** Whether {@code actual} matches the recorded string with its tokens and wildcards. */
  boolean matches(String expected, String actual) {
    if (REPLACED.contains(expected) || wildcards.contains(expected)) {
      return true;
    }
    StringBuilder regex = new StringBuilder();
    java.util.List<String> groups = new java.util.ArrayList<>();
    Matcher m = TOKEN.matcher(expected);
    int last = 0;
    while (m.find()) {
      regex.append(account(expected.substring(last, m.start())));
      String token = m.group();
      if (literalLabels.contains(token)) {
        regex.append(Pattern.quote(token));
      } else if (NUMBERED.matcher(token).matches() && bound.containsKey(token)) {
        regex.append(Pattern.quote(bound.get(token)));
      } else {
        regex.append("(.*?)");
        groups.add(NUMBERED.matcher(token).matches() ? token : null);
      }
      last = m.end();
    }
    regex.append(account(expected.substring(last)));
    Matcher full = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual);
    if (!full.matches()) {
      return false;
    }
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) != null) {
        bound.putIfAbsent(groups.get(i), full.group(i + 1));
      }
    }
    return true;
  }

  /** A literal part of a recorded string; the recorder's account stands for any account. */
  private static String account(String literal) {
    return Pattern.quote(literal).replace("111111111111", "\\E\\d{12}\\Q");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static @Nullable JsonNode parse(String text) {
    try {
      return Json.parse(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }
}
