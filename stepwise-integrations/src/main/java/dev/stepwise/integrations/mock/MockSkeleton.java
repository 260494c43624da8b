package dev.stepwise.integrations.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.integrations.aws.ResultSkeletons;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.model.TaskState;
import dev.stepwise.language.model.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a starting mock configuration for a definition: one test case that mocks every Task state
 * (Parallel branches and Map item processors included, in definition order), each with a
 * placeholder {@code Return} shaped like its integration's result.
 */
public final class MockSkeleton {
  /** The state machine name used when the caller has none. */
  public static final String DEFAULT_STATE_MACHINE_NAME = "MyStateMachine";

  /** The name of the one test case. */
  public static final String TEST_CASE = "HappyPath";

  private MockSkeleton() {}

  public static ObjectNode generate(StateMachine machine) {
    return generate(machine, DEFAULT_STATE_MACHINE_NAME);
  }

  /** The skeleton for {@code machine} registered under {@code stateMachineName}. */
  public static ObjectNode generate(StateMachine machine, String stateMachineName) {
    List<TaskState> tasks = new ArrayList<>();
    collect(machine.workflow(), tasks);
    ObjectNode testCase = Json.NODES.objectNode();
    ObjectNode responses = Json.NODES.objectNode();
    Set<String> used = new HashSet<>();
    for (TaskState task : tasks) {
      String name = uniqueName(task.name() + "Mock", used);
      testCase.put(task.name(), name);
      ObjectNode invocation = Json.NODES.objectNode();
      invocation.set("Return", placeholder(Resource.parse(task.resource())));
      responses.putObject(name).set("0", invocation);
    }
    ObjectNode root = Json.NODES.objectNode();
    root.putObject("StateMachines")
        .putObject(stateMachineName)
        .putObject("TestCases")
        .set(TEST_CASE, testCase);
    root.set("MockedResponses", responses);
    return root;
  }

  private static void collect(Workflow workflow, List<TaskState> tasks) {
    for (State state : workflow.states().values()) {
      switch (state) {
        case TaskState task -> tasks.add(task);
        case ParallelState parallel -> parallel.branches().forEach(b -> collect(b, tasks));
        case MapState map -> collect(map.itemProcessor(), tasks);
        default -> {}
      }
    }
  }

  private static String uniqueName(String base, Set<String> used) {
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + i;
    }
    return name;
  }

  /** A result of the right shape for the integration, for the user to fill in. */
  private static JsonNode placeholder(Resource resource) {
    if (resource.pattern() == Resource.Pattern.REQUEST_RESPONSE) {
      java.util.Optional<JsonNode> aws = ResultSkeletons.of(resource);
      if (aws.isPresent()) {
        return aws.get();
      }
    }
    String text =
        switch (resource.family()) {
          case LAMBDA -> "{\"StatusCode\": 200, \"Payload\": {}}";
          case ACTIVITY -> "{}";
          case TASK ->
              switch (resource.resourceType() + ":" + resource.resource()) {
                case "lambda:invoke", "lambda:invoke.waitForTaskToken" ->
                    "{\"ExecutedVersion\": \"$LATEST\", \"Payload\": {}, \"StatusCode\": 200}";
                case "http:invoke" ->
                    "{\"Headers\": {}, \"ResponseBody\": {}, \"StatusCode\": 200,"
                        + " \"StatusText\": \"OK\"}";
                case "states:startExecution.sync" ->
                    "{\"Output\": \"{}\", \"Status\": \"SUCCEEDED\"}";
                case "states:startExecution.sync:2" ->
                    "{\"Output\": {}, \"Status\": \"SUCCEEDED\"}";
                default -> "{}";
              };
        };
    return Json.parseTrusted(text);
  }
}
