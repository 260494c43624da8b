package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of an {@code api_calls} case ({@code ${uid:N}}, {@code ${role:N}}, {@code
 * ${ref:ID[:path]}}, {@code ${var:NAME}}, {@code ${account}}, {@code ${region}}, {@code ${now}})
 * and the template operators {@code $with} and {@code $case_items}: a string that is exactly one
 * placeholder takes the value as is, otherwise each placeholder is replaced by its text.
 */
final class Placeholders {
  /** A placeholder that names a response or variable the case does not have (yet). */
  static final class UnresolvableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnresolvableException(String message) {
      super(message, null, false, false);
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

  private final String account;
  private final String region;
  private final Random random;
  private final Map<Integer, String> uids = new HashMap<>();
  private final Map<Integer, JsonNode> responses = new HashMap<>();
  private final Map<String, JsonNode> vars = new HashMap<>();

  /** ARNs returned by create calls, and uid values: what {@code $case_items} keeps. */
  private final Set<String> created = new LinkedHashSet<>();

  Placeholders(String account, String region, long seed) {
    this.account = account;
    this.region = region;
    this.random = new Random(seed);
  }

  /** Call {@code id} answered {@code response} (a create call's ARNs become the case's own). */
  void response(int id, String operation, JsonNode response) {
    responses.put(id, response);
    if (operation.startsWith("Create")) {
      for (Map.Entry<String, JsonNode> e : response.properties()) {
        if (e.getKey().endsWith("Arn") && e.getValue().isTextual()) {
          created.add(e.getValue().asText());
        }
      }
    }
  }

  void var(String name, JsonNode value) {
    vars.put(name, value);
  }

  /** The template with its placeholders and operators resolved. */
  JsonNode resolve(JsonNode template) throws UnresolvableException {
    return resolve(template, Map.of());
  }

  /**
   * @param extra further placeholders (a worker's {@code ${task_input}})
   */
  JsonNode resolve(JsonNode template, Map<String, JsonNode> extra) throws UnresolvableException {
    if (template.isTextual()) {
      return text(template.asText(), extra);
    }
    if (template.isArray()) {
      ArrayNode out = Json.NODES.arrayNode();
      for (JsonNode item : template) {
        out.add(resolve(item, extra));
      }
      return out;
    }
    if (!template.isObject()) {
      return template;
    }
    if (template.size() == 1 && template.has("$with")) {
      ObjectNode base = resolve(template.get("$with").get(0), extra).deepCopy();
      for (Map.Entry<String, JsonNode> e : template.get("$with").get(1).properties()) {
        base.set(e.getKey(), resolve(e.getValue(), extra));
      }
      return base;
    }
    if (template.size() == 1 && template.has("$case_items")) {
      ArrayNode out = Json.NODES.arrayNode();
      for (JsonNode item : resolve(template.get("$case_items"), extra)) {
        String text = Json.write(item);
        if (created.stream().anyMatch(text::contains)) {
          out.add(item);
        }
      }
      return out;
    }
    ObjectNode out = Json.NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : template.properties()) {
      out.set(e.getKey(), resolve(e.getValue(), extra));
    }
    return out;
  }

  /** The template's text with every placeholder replaced by its text. */
  String resolveText(String template) throws UnresolvableException {
    JsonNode v = text(template, Map.of());
    return v.isTextual() ? v.asText() : Json.write(v);
  }

  private JsonNode text(String template, Map<String, JsonNode> extra) throws UnresolvableException {
    Matcher m = PLACEHOLDER.matcher(template);
    if (m.matches()) {
      return value(m.group(1), extra);
    }
    StringBuilder out = new StringBuilder();
    int last = 0;
    m.reset();
    while (m.find()) {
      out.append(template, last, m.start());
      JsonNode v = value(m.group(1), extra);
      out.append(v.isTextual() ? v.asText() : Json.write(v));
      last = m.end();
    }
    out.append(template.substring(last));
    return Json.NODES.textNode(out.toString());
  }

  private JsonNode value(String name, Map<String, JsonNode> extra) throws UnresolvableException {
    if (extra.containsKey(name)) {
      return extra.get(name);
    }
    String[] parts = name.split(":", 3);
    switch (parts[0]) {
      case "account":
        return Json.NODES.textNode(account);
      case "region":
        return Json.NODES.textNode(region);
      case "now":
        return Json.NODES.textNode(LocalDateTime.now().toString());
      case "uid":
        return Json.NODES.textNode(uid(Integer.parseInt(parts[1])));
      case "role":
        int n = Integer.parseInt(parts[1]);
        return Json.NODES.textNode(
            // No role ARN is a prefix of another: each is replaced by its own label.
            "arn:aws:iam::" + account + ":role/stepwise-conformance-" + n + "-role");
      case "var":
        JsonNode v = vars.get(parts[1]);
        if (v == null) {
          throw new UnresolvableException("no variable '" + parts[1] + "'");
        }
        return v;
      case "ref":
        JsonNode response = responses.get(Integer.parseInt(parts[1]));
        if (response == null) {
          throw new UnresolvableException("no response of call " + parts[1]);
        }
        return parts.length == 2 ? response : at(response, parts[2], name);
      default:
        throw new UnresolvableException("unknown placeholder ${" + name + "}");
    }
  }

  private String uid(int n) {
    return uids.computeIfAbsent(
        n,
        k -> {
          byte[] bytes = new byte[4];
          random.nextBytes(bytes);
          String uid = HexFormat.of().formatHex(bytes);
          created.add(uid);
          return uid;
        });
  }

  private static JsonNode at(JsonNode root, String path, String name) throws UnresolvableException {
    JsonNode node = root;
    for (String step : path.split("\\.")) {
      node =
          node.isArray() && step.matches("\\d+")
              ? node.get(Integer.parseInt(step))
              : node.get(step);
      if (node == null) {
        throw new UnresolvableException("no value at ${" + name + "}");
      }
    }
    return node;
  }
}
