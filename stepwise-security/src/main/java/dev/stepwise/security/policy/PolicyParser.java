package dev.stepwise.security.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads and validates a policy document; every message names the element at fault. */
final class PolicyParser {
  private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT =
      Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");
  private static final Set<String> PRINCIPALS = Set.of("Principal", "NotPrincipal");

  private PolicyParser() {}

  static Policy parse(@Nullable String name, JsonNode document) {
    if (document == null || !document.isObject()) {
      throw malformed("The policy must be a JSON object");
    }
    ObjectNode root = (ObjectNode) document;
    for (String field : fieldNames(root)) {
      if (!TOP_LEVEL.contains(field)) {
        throw malformed("The policy has an unknown element \"" + field + "\"");
      }
    }
    String version = Policy.VERSION_2008;
    JsonNode v = root.get("Version");
    if (v != null) {
      if (!v.isTextual()
          || !(v.asText().equals(Policy.VERSION_2012) || v.asText().equals(Policy.VERSION_2008))) {
        throw malformed(
            "Version must be \""
                + Policy.VERSION_2012
                + "\" or \""
                + Policy.VERSION_2008
                + "\", got "
                + v);
      }
      version = v.asText();
    }
    String id = optionalString(root, "Id", "Id");
    JsonNode s = root.get("Statement");
    if (s == null) {
      throw malformed("Statement is missing");
    }
    List<Statement> statements = new ArrayList<>();
    if (s.isObject()) {
      statements.add(statement(s, 0, "Statement"));
    } else if (s.isArray()) {
      if (s.isEmpty()) {
        throw malformed("Statement must not be empty");
      }
      for (int i = 0; i < s.size(); i++) {
        statements.add(statement(s.get(i), i, "Statement[" + i + "]"));
      }
    } else {
      throw malformed("Statement must be an object or an array of objects");
    }
    Map<String, Integer> sids = new HashMap<>();
    for (Statement statement : statements) {
      if (statement.sid() != null) {
        Integer first = sids.putIfAbsent(statement.sid(), statement.index());
        if (first != null) {
          throw malformed(
              "Statement["
                  + statement.index()
                  + "].Sid \""
                  + statement.sid()
                  + "\" duplicates Statement["
                  + first
                  + "].Sid");
        }
      }
    }
    return new Policy(name, version, id, statements, root);
  }

  private static Statement statement(JsonNode node, int index, String at) {
    if (!node.isObject()) {
      throw malformed(at + " must be an object");
    }
    for (String field : fieldNames(node)) {
      if (PRINCIPALS.contains(field)) {
        throw malformed(at + "." + field + " is not allowed in an identity-based policy");
      }
      if (!STATEMENT.contains(field)) {
        throw malformed(at + " has an unknown element \"" + field + "\"");
      }
    }
    String sid = optionalString(node, "Sid", at + ".Sid");
    JsonNode e = node.get("Effect");
    if (e == null) {
      throw malformed(at + ".Effect is missing");
    }
    Effect effect = null;
    for (Effect candidate : Effect.values()) {
      if (e.isTextual() && candidate.json().equals(e.asText())) {
        effect = candidate;
      }
    }
    if (effect == null) {
      throw malformed(at + ".Effect must be \"Allow\" or \"Deny\", got " + e);
    }
    String actionKey = exactlyOne(node, at, "Action", "NotAction");
    List<String> actions = strings(node.get(actionKey), at + "." + actionKey);
    for (int i = 0; i < actions.size(); i++) {
      String a = actions.get(i);
      int colon = a.indexOf(':');
      if (!a.equals("*") && (colon <= 0 || colon == a.length() - 1)) {
        throw malformed(
            element(at + "." + actionKey, node.get(actionKey), i)
                + " must be \"*\" or \"<service>:<action>\", got \""
                + a
                + "\"");
      }
    }
    String resourceKey = exactlyOne(node, at, "Resource", "NotResource");
    List<String> resources = strings(node.get(resourceKey), at + "." + resourceKey);
    for (int i = 0; i < resources.size(); i++) {
      String r = resources.get(i);
      if (!r.equals("*") && !r.startsWith("arn:")) {
        throw malformed(
            element(at + "." + resourceKey, node.get(resourceKey), i)
                + " must be \"*\" or an ARN, got \""
                + r
                + "\"");
      }
    }
    List<Condition> conditions = conditions(node.get("Condition"), at + ".Condition");
    return new Statement(
        index,
        sid,
        effect,
        actions,
        actionKey.equals("NotAction"),
        resources,
        resourceKey.equals("NotResource"),
        conditions);
  }

  private static List<Condition> conditions(@Nullable JsonNode node, String at) {
    List<Condition> conditions = new ArrayList<>();
    if (node == null) {
      return conditions;
    }
    if (!node.isObject()) {
      throw malformed(at + " must be an object");
    }
    for (Map.Entry<String, JsonNode> op : node.properties()) {
      String opAt = at + "." + op.getKey();
      ConditionOperator operator = ConditionOperator.parse(op.getKey());
      if (operator == null) {
        throw malformed(opAt + " is not a supported condition operator");
      }
      if (!op.getValue().isObject() || op.getValue().isEmpty()) {
        throw malformed(opAt + " must be an object of context keys");
      }
      for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
        String keyAt = opAt + "." + key.getKey();
        List<String> values = scalars(key.getValue(), keyAt);
        for (String value : values) {
          String problem = operator.invalidValue(value);
          if (problem != null) {
            throw malformed(keyAt + " value \"" + value + "\" " + problem);
          }
        }
        conditions.add(new Condition(operator, key.getKey(), values));
      }
    }
    return conditions;
  }

  private static String exactlyOne(JsonNode statement, String at, String a, String notA) {
    boolean hasA = statement.has(a);
    if (hasA == statement.has(notA)) {
      throw malformed(at + " must have exactly one of " + a + " and " + notA);
    }
    return hasA ? a : notA;
  }

  /** A string or a non-empty array of strings. */
  private static List<String> strings(JsonNode node, String at) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        throw malformed(at + " must not be empty");
      }
      for (int i = 0; i < node.size(); i++) {
        if (!node.get(i).isTextual()) {
          throw malformed(at + "[" + i + "] must be a string");
        }
        out.add(node.get(i).asText());
      }
    } else {
      throw malformed(at + " must be a string or an array of strings");
    }
    return out;
  }

  /** Condition values: a scalar or a non-empty array of scalars, kept as their text. */
  private static List<String> scalars(JsonNode node, String at) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      if (node.isEmpty()) {
        throw malformed(at + " must not be empty");
      }
      for (JsonNode item : node) {
        if (!scalar(item)) {
          throw malformed(at + " must be a string, number, boolean or an array of them");
        }
        out.add(item.asText());
      }
    } else if (scalar(node)) {
      out.add(node.asText());
    } else {
      throw malformed(at + " must be a string, number, boolean or an array of them");
    }
    return out;
  }

  private static boolean scalar(JsonNode node) {
    return node.isTextual() || node.isNumber() || node.isBoolean();
  }

  private static @Nullable String optionalString(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw malformed(at + " must be a string");
    }
    return value.asText();
  }

  /** {@code at} for a single value, {@code at[i]} for an element of an array. */
  private static String element(String at, JsonNode node, int i) {
    return node.isArray() ? at + "[" + i + "]" : at;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static MalformedPolicyDocumentException malformed(String message) {
    return new MalformedPolicyDocumentException(message);
  }
}
