package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code api_calls} case's {@code replacements}, as the recorder applied them to the whole
 * snapshot: in order, each resolved value (plain text) or regex replaced by its label in the JSON
 * text of an actual value.
 */
final class Replacements {
  private record Replacement(Pattern pattern, String label) {}

  private final List<Replacement> replacements;
  private final Set<String> literalLabels;
  private final List<String> unresolvedLabels;

  private Replacements(
      List<Replacement> replacements, Set<String> literalLabels, List<String> unresolvedLabels) {
    this.replacements = replacements;
    this.literalLabels = literalLabels;
    this.unresolvedLabels = unresolvedLabels;
  }

  /**
   * Resolves each value; a label whose value cannot be resolved (its call failed) is kept apart.
   */
  static Replacements resolve(JsonNode recordedCase, Placeholders placeholders) {
    List<Replacement> out = new ArrayList<>();
    Set<String> literal = new LinkedHashSet<>();
    List<String> unresolved = new ArrayList<>();
    for (JsonNode r : recordedCase.path("replacements")) {
      String label = r.path("label").asText();
      if (r.has("regex")) {
        out.add(new Replacement(Pattern.compile(r.get("regex").asText()), label));
        continue;
      }
      String value;
      try {
        value = placeholders.resolveText(r.path("value").asText());
      } catch (Placeholders.UnresolvableException e) {
        unresolved.add(label);
        continue;
      }
      if (value.isEmpty()) {
        continue;
      }
      // Replaced inside JSON text, so the value is matched as JSON writes it in a string.
      out.add(new Replacement(Pattern.compile(Pattern.quote(escaped(value))), escaped(label)));
      literal.add(label);
    }
    return new Replacements(out, literal, unresolved);
  }

  Set<String> literalLabels() {
    return literalLabels;
  }

  List<String> unresolvedLabels() {
    return unresolvedLabels;
  }

  /** The value with every replacement applied to its JSON text. */
  JsonNode apply(JsonNode actual) {
    String text = Json.write(actual);
    for (Replacement r : replacements) {
      text = r.pattern().matcher(text).replaceAll(Matcher.quoteReplacement(r.label()));
    }
    return Matching.parseOrText(text);
  }

  private static String escaped(String text) {
    String json = Json.write(Json.NODES.textNode(text));
    return json.substring(1, json.length() - 1);
  }
}
