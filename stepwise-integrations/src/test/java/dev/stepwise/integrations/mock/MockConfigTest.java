package dev.stepwise.integrations.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.integrations.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;

class MockConfigTest {
  /** The example of AWS's "Configuration File for Mocked Service Integrations" page. */
  static final String AWS_EXAMPLE =
      """
      {
        "StateMachines":{
          "LambdaSQSIntegration":{
            "TestCases":{
              "HappyPath":{"LambdaState":"MockedLambdaSuccess","SQSState":"MockedSQSSuccess"},
              "RetryPath":{"LambdaState":"MockedLambdaRetry","SQSState":"MockedSQSSuccess"},
              "HybridPath":{"LambdaState":"MockedLambdaSuccess"}
            }
          }
        },
        "MockedResponses":{
          "MockedLambdaSuccess":{
            "0":{"Return":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}
          },
          "LambdaMockedResourceNotReady":{
            "0":{"Throw":{"Error":"Lambda.ResourceNotReadyException","Cause":"Lambda resource is not ready."}}
          },
          "MockedSQSSuccess":{
            "0":{"Return":{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}
          },
          "MockedLambdaRetry":{
            "0":{"Throw":{"Error":"Lambda.ResourceNotReadyException","Cause":"Lambda resource is not ready."}},
            "1-2":{"Throw":{"Error":"Lambda.TimeoutException","Cause":"Lambda timed out."}},
            "3":{"Return":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}
          }
        }
      }
      """;

  @Test
  void parsesAwsExample() throws MockConfigException {
    MockConfig config = MockConfig.parse(AWS_EXAMPLE);

    assertThat(config.stateMachines().keySet()).containsExactly("LambdaSQSIntegration");
    assertThat(config.stateMachines().get("LambdaSQSIntegration").testCases().keySet())
        .containsExactly("HappyPath", "RetryPath", "HybridPath");
    MockTestCase hybrid = config.testCase("LambdaSQSIntegration", "HybridPath").orElseThrow();
    assertThat(hybrid.states().keySet()).containsExactly("LambdaState");
    assertThat(hybrid.responseFor("SQSState")).isEmpty();
    MockedResponse retry = config.mockedResponses().get("MockedLambdaRetry");
    assertThat(retry.invocations())
        .extracting(MockedInvocations::range)
        .containsExactly("0", "1-2", "3");
    assertThat(retry.invocationCount()).isEqualTo(4);
    assertThat(retry.outcome(0))
        .contains(
            new MockOutcome.Throw(
                "Lambda.ResourceNotReadyException", "Lambda resource is not ready."));
    assertThat(retry.outcome(1))
        .contains(new MockOutcome.Throw("Lambda.TimeoutException", "Lambda timed out."));
    assertThat(retry.outcome(2)).isEqualTo(retry.outcome(1));
    assertThat(retry.outcome(3))
        .contains(
            new MockOutcome.Return(
                Requests.json(
                    "{\"StatusCode\":200,\"Payload\":{\"StatusCode\":200,\"body\":\"Hello from Lambda!\"}}")));
    assertThat(retry.outcome(4)).isEmpty();
    assertThat(config.testCase("LambdaSQSIntegration", "SadPath")).isEmpty();
    assertThat(config.testCase("Other", "HappyPath")).isEmpty();
  }

  @Test
  void rangesAreSortedWhateverTheirOrderInTheFile() throws MockConfigException {
    MockConfig config =
        MockConfig.parse(
            """
            {"StateMachines": {}, "MockedResponses": {"R": {
              "2-4": {"Return": 2}, "0": {"Return": 0}, "1": {"Throw": {"Error": "E", "Cause": "C"}}}}}
            """);

    assertThat(config.mockedResponses().get("R").invocations())
        .extracting(MockedInvocations::range)
        .containsExactly("0", "1", "2-4");
    assertThat(config.mockedResponses().get("R").outcome(4))
        .contains(new MockOutcome.Return(Requests.json("2")));
  }

  @Test
  void returnMayBeAnyJsonValue() throws MockConfigException {
    MockConfig config =
        MockConfig.parse(
            "{\"StateMachines\": {}, \"MockedResponses\": {\"R\": {\"0\": {\"Return\": null},"
                + " \"1\": {\"Return\": \"text\"}}}}");

    assertThat(config.mockedResponses().get("R").outcome(0))
        .contains(new MockOutcome.Return(Requests.json("null")));
    assertThat(config.mockedResponses().get("R").outcome(1))
        .contains(new MockOutcome.Return(Requests.json("\"text\"")));
  }

  @Test
  void reportsEveryProblemWithItsLocation() {
    assertProblems(
        """
        {"StateMachines": {"M": {"TestCases": {"T": {
            "A": "Missing", "B": 7, "C": "Both"}}}},
         "MockedResponses": {
            "Both": {"0": {"Return": 1, "Throw": {"Error": "E", "Cause": "C"}}},
            "Neither": {"0": {}},
            "BadRange": {"x": {"Return": 1}, "3-1": {"Return": 1}, "1-": {"Return": 1}},
            "Empty": {},
            "BadThrow": {"0": {"Throw": {"Error": 1}}},
            "Extra": {"0": {"Return": 1, "Retrun": 2}}}}
        """,
        "at /MockedResponses/Both/0: has both Return and Throw; an invocation either returns or"
            + " throws",
        "at /MockedResponses/Neither/0: needs a Return or a Throw field",
        "at /MockedResponses/BadRange/x: invalid invocation range 'x'; use an invocation number"
            + " such as \"0\" or an inclusive range such as \"1-2\"",
        "at /MockedResponses/BadRange/3-1: invalid invocation range '3-1': it starts at"
            + " invocation 3 but ends at invocation 1",
        "at /MockedResponses/BadRange/1-: invalid invocation range '1-'; use an invocation number"
            + " such as \"0\" or an inclusive range such as \"1-2\"",
        "at /MockedResponses/Empty: defines no invocation; add at least \"0\": {\"Return\": ...}",
        "at /MockedResponses/BadThrow/0/Throw/Error: must be a string, found a number",
        "at /MockedResponses/BadThrow/0/Throw: missing field 'Cause' (a string)",
        "at /MockedResponses/Extra/0/Retrun: unknown field 'Retrun'; a mocked invocation has"
            + " only Return and Throw",
        "at /StateMachines/M/TestCases/T/A: mocked response 'Missing' is not defined in"
            + " MockedResponses",
        "at /StateMachines/M/TestCases/T/B: must be the name of a mocked response (a string),"
            + " found a number");
  }

  @Test
  void rangesMustStartAtZeroWithoutGapsOrOverlaps() {
    assertProblems(
        """
        {"StateMachines": {}, "MockedResponses": {
          "Gap": {"0": {"Return": 1}, "2": {"Return": 2}},
          "Late": {"1-3": {"Return": 1}},
          "Overlap": {"0-2": {"Return": 1}, "2": {"Return": 2}}}}
        """,
        "at /MockedResponses/Gap: no response for invocation 1: ranges must cover every"
            + " invocation from 0 on without gaps (the next range is '2')",
        "at /MockedResponses/Late: no response for invocation 0: ranges must cover every"
            + " invocation from 0 on without gaps (the next range is '1-3')",
        "at /MockedResponses/Overlap: invocation ranges '0-2' and '2' overlap (both cover"
            + " invocation 2)");
  }

  @Test
  void checksTheFileStructure() {
    assertProblems(
        "{\"StateMachines\": [], \"MockedResponse\": {}}",
        "at /MockedResponse: unknown field 'MockedResponse'; a mock configuration has only"
            + " MockedResponses and StateMachines; did you mean 'MockedResponses'?",
        "at /: missing field 'MockedResponses'",
        "at /StateMachines: must be an object that maps state machine names to {\"TestCases\":"
            + " {...}}, found an array");
    assertProblems(
        "{\"StateMachines\": {\"M\": {\"Tests\": {}}}, \"MockedResponses\": {}}",
        "at /StateMachines/M/Tests: unknown field 'Tests'; a state machine entry has only"
            + " TestCases",
        "at /StateMachines/M: missing field 'TestCases'");
    assertProblems(
        "[]",
        "at /: a mock configuration is a JSON object with the fields StateMachines and"
            + " MockedResponses, found an array");
    assertProblems(
        "{\"StateMachines\": {\"a/b\": 1}, \"MockedResponses\": {}}",
        "at /StateMachines/a~1b: must be an object with the field TestCases, found a number");
  }

  @Test
  void reportsInvalidJson() {
    assertThatThrownBy(() -> MockConfig.parse("{\"StateMachines\": "))
        .isInstanceOf(MockConfigException.class)
        .hasMessageStartingWith(
            "Invalid mock configuration:\n- at /: the file is not valid JSON: ");
  }

  @Test
  void messageListsTheProblems() {
    assertThatThrownBy(() -> MockConfig.parse("{\"StateMachines\": {}}"))
        .isInstanceOf(MockConfigException.class)
        .hasMessage("Invalid mock configuration:\n- at /: missing field 'MockedResponses'");
  }

  private static void assertProblems(String json, String... problems) {
    assertThatThrownBy(() -> MockConfig.parse(json))
        .isInstanceOfSatisfying(
            MockConfigException.class,
            e -> assertThat(e.problems()).containsExactlyElementsOf(List.of(problems)));
  }
}
