package dev.stepwise.integrations.mock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An entry of {@code StateMachines}: the test cases of the state machine with this name. */
public record MockedStateMachine(String name, Map<String, MockTestCase> testCases) {
  public MockedStateMachine {
    testCases = Collections.unmodifiableMap(new LinkedHashMap<>(testCases));
  }
}
