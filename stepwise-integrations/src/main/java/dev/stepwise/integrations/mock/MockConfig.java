package dev.stepwise.integrations.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Step Functions Local mock configuration file ({@code MockConfigFile.json}), parsed and checked:
 * {@code StateMachines} → state machine name → {@code TestCases} → test case → state name → mocked
 * response name, and {@code MockedResponses} → name → invocation range → {@code Return} or {@code
 * Throw}. Test cases refer to their responses directly.
 */
public record MockConfig(
    Map<String, MockedStateMachine> stateMachines, Map<String, MockedResponse> mockedResponses) {

  public MockConfig {
    stateMachines = Collections.unmodifiableMap(new LinkedHashMap<>(stateMachines));
    mockedResponses = Collections.unmodifiableMap(new LinkedHashMap<>(mockedResponses));
  }

  /** Parses the text of a mock configuration file. */
  public static MockConfig parse(String json) throws MockConfigException {
    JsonNode document;
    try {
      document = Json.parse(json);
    } catch (JsonProcessingException e) {
      throw new MockConfigException(
          List.of("at /: the file is not valid JSON: " + e.getOriginalMessage()));
    }
    return parse(document);
  }

  /** Checks a parsed mock configuration document. */
  public static MockConfig parse(JsonNode document) throws MockConfigException {
    return new MockConfigParser().parse(document);
  }

  /** The test case {@code testCase} of the state machine named {@code stateMachine}. */
  public Optional<MockTestCase> testCase(String stateMachine, String testCase) {
    MockedStateMachine machine = stateMachines.get(stateMachine);
    return machine == null
        ? Optional.empty()
        : Optional.ofNullable(machine.testCases().get(testCase));
  }
}
