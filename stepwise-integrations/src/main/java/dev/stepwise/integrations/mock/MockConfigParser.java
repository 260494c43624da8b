package dev.stepwise.integrations.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks a mock configuration document and builds its model, collecting every problem. */
final class MockConfigParser {
  private static final String STATE_MACHINES = "StateMachines";
  private static final String MOCKED_RESPONSES = "MockedResponses";
  private static final String TEST_CASES = "TestCases";
  private static final String RETURN = "Return";
  private static final String THROW = "Throw";
  private static final Pattern RANGE = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?");

  private final List<String> problems = new ArrayList<>();

  MockConfig parse(JsonNode document) throws MockConfigException {
    if (!document.isObject()) {
      problem(
          "/",
          "a mock configuration is a JSON object with the fields StateMachines and"
              + " MockedResponses, found "
              + kind(document));
      throw new MockConfigException(problems);
    }
    checkFields(document, "", Set.of(STATE_MACHINES, MOCKED_RESPONSES), "a mock configuration");
    Map<String, MockedResponse> responses = new LinkedHashMap<>();
    JsonNode responsesNode = required(document, "", MOCKED_RESPONSES);
    if (responsesNode != null
        && object(
            responsesNode, pointer(MOCKED_RESPONSES), "an object of mocked responses by name")) {
      for (Map.Entry<String, JsonNode> entry : responsesNode.properties()) {
        MockedResponse response =
            response(entry.getKey(), entry.getValue(), pointer(MOCKED_RESPONSES, entry.getKey()));
        if (response != null) {
          responses.put(entry.getKey(), response);
        }
      }
    }
    Map<String, MockedStateMachine> machines = new LinkedHashMap<>();
    JsonNode machinesNode = required(document, "", STATE_MACHINES);
    if (machinesNode != null
        && object(
            machinesNode,
            pointer(STATE_MACHINES),
            "an object that maps state machine names to {\"TestCases\": {...}}")) {
      for (Map.Entry<String, JsonNode> entry : machinesNode.properties()) {
        machines.put(
            entry.getKey(), machine(entry.getKey(), entry.getValue(), responsesNode, responses));
      }
    }
    if (!problems.isEmpty()) {
      throw new MockConfigException(problems);
    }
    return new MockConfig(machines, responses);
  }

  private MockedStateMachine machine(
      String name,
      JsonNode node,
      @Nullable JsonNode responsesNode,
      Map<String, MockedResponse> responses) {
    String at = pointer(STATE_MACHINES, name);
    Map<String, MockTestCase> testCases = new LinkedHashMap<>();
    if (!object(node, at, "an object with the field TestCases")) {
      return new MockedStateMachine(name, testCases);
    }
    checkFields(node, at, Set.of(TEST_CASES), "a state machine entry");
    JsonNode casesNode = required(node, at, TEST_CASES);
    if (casesNode == null
        || !object(casesNode, at + "/" + TEST_CASES, "an object of test cases by name")) {
      return new MockedStateMachine(name, testCases);
    }
    for (Map.Entry<String, JsonNode> testCase : casesNode.properties()) {
      String caseAt = pointer(STATE_MACHINES, name, TEST_CASES, testCase.getKey());
      Map<String, MockedResponse> states = new LinkedHashMap<>();
      if (object(
          testCase.getValue(),
          caseAt,
          "an object that maps state names to mocked response names")) {
        for (Map.Entry<String, JsonNode> state : testCase.getValue().properties()) {
          String stateAt = caseAt + "/" + escape(state.getKey());
          JsonNode ref = state.getValue();
          if (!ref.isTextual()) {
            problem(
                stateAt, "must be the name of a mocked response (a string), found " + kind(ref));
          } else if (responses.containsKey(ref.asText())) {
            states.put(state.getKey(), responses.get(ref.asText()));
          } else if (responsesNode == null || !responsesNode.has(ref.asText())) {
            // A response that exists but is itself invalid was reported already.
            problem(
                stateAt,
                "mocked response '" + ref.asText() + "' is not defined in MockedResponses");
          }
        }
      }
      testCases.put(testCase.getKey(), new MockTestCase(testCase.getKey(), states));
    }
    return new MockedStateMachine(name, testCases);
  }

  private @Nullable MockedResponse response(String name, JsonNode node, String at) {
    if (!object(
        node,
        at,
        "an object that maps invocation ranges such as \"0\" or \"1-2\" to a Return or a Throw")) {
      return null;
    }
    if (node.isEmpty()) {
      problem(at, "defines no invocation; add at least \"0\": {\"Return\": ...}");
      return null;
    }
    int before = problems.size();
    List<Keyed> ranges = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String rangeAt = at + "/" + escape(entry.getKey());
      int[] bounds = range(entry.getKey(), rangeAt);
      MockOutcome outcome = outcome(entry.getValue(), rangeAt);
      if (bounds != null && outcome != null) {
        ranges.add(new Keyed(new MockedInvocations(bounds[0], bounds[1], outcome), entry.getKey()));
      }
    }
    if (problems.size() > before) {
      return null;
    }
    ranges.sort(Comparator.comparingInt(k -> k.range().first()));
    int next = 0;
    for (int i = 0; i < ranges.size(); i++) {
      MockedInvocations range = ranges.get(i).range();
      if (range.first() < next) {
        problem(
            at,
            "invocation ranges '"
                + ranges.get(i - 1).key()
                + "' and '"
                + ranges.get(i).key()
                + "' overlap (both cover invocation "
                + range.first()
                + ")");
        return null;
      }
      if (range.first() > next) {
        problem(
            at,
            "no response for invocation "
                + next
                + ": ranges must cover every invocation from 0 on without gaps (the next range is '"
                + ranges.get(i).key()
                + "')");
        return null;
      }
      next = range.last() + 1;
    }
    return new MockedResponse(name, ranges.stream().map(Keyed::range).toList());
  }

  /** A range with the key the file wrote it as. */
  private record Keyed(MockedInvocations range, String key) {}

  private int @Nullable [] range(String key, String at) {
    Matcher m = RANGE.matcher(key);
    if (!m.matches()) {
      problem(
          at,
          "invalid invocation range '"
              + key
              + "'; use an invocation number such as \"0\" or an inclusive range such as \"1-2\"");
      return null;
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    if (last < first) {
      problem(
          at,
          "invalid invocation range '"
              + key
              + "': it starts at invocation "
              + first
              + " but ends at invocation "
              + last);
      return null;
    }
    return new int[] {first, last};
  }

  private @Nullable MockOutcome outcome(JsonNode node, String at) {
    if (!object(node, at, "an object with a Return or a Throw field")) {
      return null;
    }
    boolean hasReturn = node.has(RETURN);
    boolean hasThrow = node.has(THROW);
    checkFields(node, at, Set.of(RETURN, THROW), "a mocked invocation");
    if (hasReturn && hasThrow) {
      problem(at, "has both Return and Throw; an invocation either returns or throws");
      return null;
    }
    if (hasReturn) {
      return new MockOutcome.Return(node.get(RETURN));
    }
    if (!hasThrow) {
      problem(at, "needs a Return or a Throw field");
      return null;
    }
    JsonNode thrown = node.get(THROW);
    String throwAt = at + "/" + THROW;
    if (!object(thrown, throwAt, "an object with the string fields Error and Cause")) {
      return null;
    }
    checkFields(thrown, throwAt, Set.of("Error", "Cause"), "a Throw");
    String error = text(thrown, throwAt, "Error");
    String cause = text(thrown, throwAt, "Cause");
    return error == null || cause == null ? null : new MockOutcome.Throw(error, cause);
  }

  private @Nullable String text(JsonNode node, String at, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      problem(at, "missing field '" + field + "' (a string)");
      return null;
    }
    if (!value.isTextual()) {
      problem(at + "/" + field, "must be a string, found " + kind(value));
      return null;
    }
    return value.asText();
  }

  private @Nullable JsonNode required(JsonNode node, String at, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      problem(at.isEmpty() ? "/" : at, "missing field '" + field + "'");
    }
    return value;
  }

  private boolean object(JsonNode node, String at, String expected) {
    if (node.isObject()) {
      return true;
    }
    problem(at, "must be " + expected + ", found " + kind(node));
    return false;
  }

  private void checkFields(JsonNode node, String at, Set<String> allowed, String what) {
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String field = property.getKey();
      if (!allowed.contains(field)) {
        String hint = "";
        for (String known : allowed) {
          if (known.equalsIgnoreCase(field)
              || known.equals(field + "s")
              || known.equalsIgnoreCase(field + "s")) {
            hint = "; did you mean '" + known + "'?";
          }
        }
        problem(
            at + "/" + escape(field),
            "unknown field '"
                + field
                + "'; "
                + what
                + " has only "
                + String.join(" and ", allowed.stream().sorted().toList())
                + hint);
      }
    }
  }

  private void problem(String at, String text) {
    problems.add("at " + at + ": " + text);
  }

  private static String pointer(String... names) {
    StringBuilder p = new StringBuilder();
    for (String name : names) {
      p.append('/').append(escape(name));
    }
    return p.toString();
  }

  /** RFC 6901: {@code ~} and {@code /} inside names. */
  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
