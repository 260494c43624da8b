package dev.stepwise.integrations.mock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A test case of one state machine: which mocked response answers each mocked Task state. States it
 * does not name call their real integration.
 *
 * @param states state name to its mocked response, in file order
 */
public record MockTestCase(String name, Map<String, MockedResponse> states) {
  public MockTestCase {
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
  }

  public Optional<MockedResponse> responseFor(String stateName) {
    return Optional.ofNullable(states.get(stateName));
  }
}
