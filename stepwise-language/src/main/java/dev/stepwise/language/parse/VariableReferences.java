package dev.stepwise.language.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DescribeStateMachine's {@code variableReferences}: for each state (those of Map and Parallel
 * states included) the variables its fields read, sorted; states that read none are left out.
 * Recorded (test_sfn_api_variable_references, 2024-11): JSONPath reads ({@code $name...} in {@code
 * .$} values, in {@code *Path} fields, in a Choice rule's {@code Variable}), intrinsic arguments,
 * and JSONata expressions; not plain strings that merely look like one, nor {@code $states} or
 * JSONata's functions.
 */
public final class VariableReferences {
  private VariableReferences() {}

  /** A variable: {@code $} then a name, not part of {@code $$} or {@code $.}, not a call. */
  private static final Pattern VARIABLE =
      Pattern.compile("(?<![\\w$])\\$([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_]*\\s*\\()");

  private static final Pattern JSONATA = Pattern.compile("\\{%(.*?)%}", Pattern.DOTALL);

  /** Fields holding nested workflows: their states are reported on their own. */
  private static final Set<String> NESTED = Set.of("ItemProcessor", "Iterator", "Branches");

  /** The references of a definition; empty for one that is not an object of states. */
  public static Map<String, List<String>> of(JsonNode definition) {
    Map<String, List<String>> out = new TreeMap<>();
    workflow(definition, out);
    return out;
  }

  private static void workflow(JsonNode workflow, Map<String, List<String>> out) {
    for (Map.Entry<String, JsonNode> state : workflow.path("States").properties()) {
      Set<String> names = new TreeSet<>();
      for (Map.Entry<String, JsonNode> field : state.getValue().properties()) {
        if (NESTED.contains(field.getKey())) {
          JsonNode nested = field.getValue();
          if (nested.isArray()) {
            nested.forEach(branch -> workflow(branch, out));
          } else {
            workflow(nested, out);
          }
        } else {
          collect(field.getKey(), field.getValue(), names);
        }
      }
      if (!names.isEmpty()) {
        out.put(state.getKey(), List.copyOf(new ArrayList<>(names)));
      }
    }
  }

  private static void collect(String key, JsonNode value, Set<String> names) {
    if (value.isTextual()) {
      String text = value.asText();
      if (key.endsWith(".$") || key.endsWith("Path") || key.equals("Variable")) {
        scan(withoutQuotedText(text), names);
      } else {
        Matcher m = JSONATA.matcher(text);
        while (m.find()) {
          scan(withoutQuotedText(m.group(1)), names);
        }
      }
      return;
    }
    if (value.isObject()) {
      value.properties().forEach(e -> collect(e.getKey(), e.getValue(), names));
    } else if (value.isArray()) {
      value.forEach(v -> collect(key, v, names));
    }
  }

  private static void scan(String text, Set<String> names) {
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      if (!m.group(1).equals("states")) {
        names.add(m.group(1));
      }
    }
  }

  /** The text with quoted literals ('...' of intrinsics, "..." of JSONata) blanked out. */
  private static String withoutQuotedText(String text) {
    StringBuilder out = new StringBuilder(text.length());
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\' && i + 1 < text.length()) {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        out.append(' ');
      } else if (c == '\'' || c == '"') {
        quote = c;
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
