package dev.stepwise.security.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.security.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the least-privilege identity policy a state machine's role needs, following the IAM
 * templates of the AWS Step Functions Developer Guide (sources in the module README):
 *
 * <ul>
 *   <li>{@code states:startExecution} and {@code .waitForTaskToken}: {@code states:StartExecution}
 *       on the child state machine;
 *   <li>{@code .sync} and {@code .sync:2}: that, plus {@code states:DescribeExecution} and {@code
 *       states:StopExecution} on the child's executions and {@code events:PutTargets}, {@code
 *       events:PutRule}, {@code events:DescribeRule} on the managed EventBridge rule;
 *   <li>Lambda ({@code lambda:invoke} or a function ARN as the resource): {@code
 *       lambda:InvokeFunction} on the function and its versions and aliases ({@code :*});
 *   <li>a target given by a path ({@code StateMachineArn.$}, {@code FunctionName.$}) or JSONata
 *       ({@code {% %}}) is a dynamic resource: {@code "Resource": "*"};
 *   <li>activities only, or no tasks: a policy that denies everything.
 * </ul>
 *
 * Parallel branches and Map item processors are walked; statements with the same actions are
 * merged, in the order first met. Other integrations are left out: {@link #uncoveredTasks} lists
 * them, and their permissions must be added by hand.
 */
public final class PolicyGenerator {
  private static final Pattern START_EXECUTION =
      Pattern.compile(
          "arn:[^:]+:states:::states:startExecution(|\\.sync|\\.sync:2|\\.waitForTaskToken)");
  private static final Pattern LAMBDA_INVOKE =
      Pattern.compile("arn:[^:]+:states:::lambda:invoke(|\\.waitForTaskToken)");
  private static final Pattern LAMBDA_FUNCTION =
      Pattern.compile("arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?");
  private static final Pattern ACTIVITY =
      Pattern.compile("arn:[^:]+:states:[^:]*:[^:]*:activity:.+");

  private static final String EVENTS_RULE = "StepFunctionsGetEventsForStepFunctionsExecutionRule";
  private static final String ANY = "*";

  private final String region;
  private final String account;
  private final StateMachineNameResolver resolver;
  private final Map<List<String>, Set<String>> grants = new LinkedHashMap<>();
  private final List<String> uncovered = new ArrayList<>();

  private PolicyGenerator(String region, String account, StateMachineNameResolver resolver) {
    this.region = Objects.requireNonNull(region, "region == null");
    this.account = Objects.requireNonNull(account, "account == null");
    this.resolver = Objects.requireNonNull(resolver, "resolver == null");
  }

  /** The policy a parsed state machine needs. */
  public static ObjectNode generate(
      StateMachine machine, String region, String account, StateMachineNameResolver resolver) {
    return generate(machine.definition(), region, account, resolver);
  }

  /**
   * The policy a definition needs.
   *
   * @throws IllegalArgumentException when a Task's target cannot be read (no {@code
   *     StateMachineArn}, or one the resolver does not know), when the document is no definition,
   *     or when it has Tasks but none the generator covers (a deny-all would then block the
   *     permissions written for them by hand)
   */
  public static ObjectNode generate(
      JsonNode definition, String region, String account, StateMachineNameResolver resolver) {
    PolicyGenerator generator = new PolicyGenerator(region, account, resolver);
    generator.walk(definition, "");
    if (generator.grants.isEmpty() && !generator.uncovered.isEmpty()) {
      // The guide's deny-all is for machines with no tasks or only activities; here it would
      // defeat the hand-written policy these tasks need.
      throw new IllegalArgumentException(
          "No template covers any Task of this definition; write its policy by hand: "
              + String.join(", ", generator.uncovered));
    }
    return generator.policy();
  }

  /**
   * The Task states whose resource the generator has no template for, as {@code "<state>:
   * <resource>"}; their permissions must be added by hand.
   */
  public static List<String> uncoveredTasks(JsonNode definition) {
    PolicyGenerator generator = new PolicyGenerator("", "", Optional::of);
    generator.walk(definition, "");
    return List.copyOf(generator.uncovered);
  }

  private void walk(JsonNode workflow, String at) {
    JsonNode states = workflow == null ? null : workflow.get("States");
    if (states == null || !states.isObject()) {
      throw new IllegalArgumentException(
          "not a state machine definition: " + (at.isEmpty() ? "/" : at) + "States is missing");
    }
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      String name = entry.getKey();
      JsonNode state = entry.getValue();
      String stateAt = at + "States/" + name + "/";
      switch (state.path("Type").asText()) {
        case "Task" -> task(name, state);
        case "Parallel" -> {
          JsonNode branches = state.path("Branches");
          for (int i = 0; i < branches.size(); i++) {
            walk(branches.get(i), stateAt + "Branches/" + i + "/");
          }
        }
        case "Map" -> {
          String key = state.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
          if (state.path(key).path("ProcessorConfig").path("Mode").asText().equals("DISTRIBUTED")) {
            // Child workflow executions (and any ItemReader/ResultWriter) need permissions the
            // guide gives per use; not generated.
            uncovered.add(name + ": distributed Map");
          }
          if (state.has(key)) {
            walk(state.get(key), stateAt + key + "/");
          }
        }
        default -> {}
      }
    }
  }

  private void task(String name, JsonNode state) {
    String resource = state.path("Resource").asText();
    Matcher start = START_EXECUTION.matcher(resource);
    if (start.matches()) {
      startExecution(name, state, start.group(1));
    } else if (LAMBDA_INVOKE.matcher(resource).matches()) {
      lambda(name, Target.of(state, "FunctionName"));
    } else if (LAMBDA_FUNCTION.matcher(resource).matches()) {
      lambda(name, new Target.Literal(resource));
    } else if (!ACTIVITY.matcher(resource).matches()) {
      uncovered.add(name + ": " + resource);
    }
  }

  private void startExecution(String name, JsonNode state, String pattern) {
    boolean sync = pattern.startsWith(".sync");
    String arn =
        switch (Target.of(state, "StateMachineArn")) {
          case Target.Missing m ->
              throw new IllegalArgumentException(
                  "State '" + name + "' starts an execution but has no StateMachineArn");
          case Target.Dynamic d -> null;
          case Target.Literal literal -> literal.value();
        };
    if (arn == null) {
      grant(List.of("states:StartExecution"), ANY);
      if (sync) {
        grant(List.of("states:DescribeExecution", "states:StopExecution"), ANY);
        grant(List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"), rule());
      }
      return;
    }
    String machine =
        resolver
            .resolve(arn)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "State '"
                            + name
                            + "': StateMachineArn '"
                            + arn
                            + "' names no state machine"));
    String qualifier = StateMachineArn.parse(arn).map(StateMachineArn::qualifier).orElse(null);
    String machineArn = arn("states", "stateMachine:" + machine);
    grant(
        List.of("states:StartExecution"),
        qualifier == null ? machineArn : machineArn + ":" + qualifier);
    if (sync) {
      grant(
          List.of("states:DescribeExecution", "states:StopExecution"),
          arn("states", "execution:" + machine + ":*"));
      grant(List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"), rule());
    }
  }

  private void lambda(String name, Target target) {
    switch (target) {
      case Target.Missing m ->
          throw new IllegalArgumentException(
              "State '" + name + "' invokes Lambda but has no FunctionName");
      case Target.Dynamic d -> grant(List.of("lambda:InvokeFunction"), ANY);
      case Target.Literal literal -> {
        String functionArn = arn("lambda", "function:" + functionName(literal.value()));
        grant(List.of("lambda:InvokeFunction"), functionArn);
        grant(List.of("lambda:InvokeFunction"), functionArn + ":*");
      }
    }
  }

  /** A Task's target field: a literal, dynamic (a path or JSONata), or absent. */
  private sealed interface Target {
    record Literal(String value) implements Target {}

    record Dynamic() implements Target {}

    record Missing() implements Target {}

    static Target of(JsonNode state, String field) {
      JsonNode arguments = state.get("Arguments");
      if (arguments != null) {
        if (arguments.isTextual()) {
          return new Dynamic();
        }
        JsonNode value = arguments.get(field);
        if (value == null) {
          return new Missing();
        }
        String text = value.asText().strip();
        return value.isTextual() && !(text.startsWith("{%") && text.endsWith("%}"))
            ? new Literal(value.asText())
            : new Dynamic();
      }
      JsonNode parameters = state.path("Parameters");
      if (parameters.has(field + ".$")) {
        return new Dynamic();
      }
      JsonNode value = parameters.get(field);
      if (value == null) {
        return new Missing();
      }
      return value.isTextual() ? new Literal(value.asText()) : new Dynamic();
    }
  }

  /**
   * A function name from Lambda's accepted forms: {@code name}, {@code name:alias}, {@code
   * account:function:name} and the full (optionally qualified) function ARN.
   */
  private static String functionName(String function) {
    int at = function.indexOf(":function:");
    String rest = at < 0 ? function : function.substring(at + ":function:".length());
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  private String rule() {
    return arn("events", "rule/" + EVENTS_RULE);
  }

  private String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
  }

  private void grant(List<String> actions, String resource) {
    grants.computeIfAbsent(actions, a -> new LinkedHashSet<>()).add(resource);
  }

  private ObjectNode policy() {
    ObjectNode policy = Json.NODES.objectNode();
    policy.put("Version", Policy.VERSION_2012);
    ArrayNode statements = policy.putArray("Statement");
    if (grants.isEmpty()) {
      ObjectNode deny = statements.addObject();
      deny.put("Effect", "Deny");
      deny.put("Action", ANY);
      deny.put("Resource", ANY);
      return policy;
    }
    grants.forEach(
        (actions, resources) -> {
          ObjectNode statement = statements.addObject();
          statement.put("Effect", "Allow");
          ArrayNode action = statement.putArray("Action");
          actions.forEach(action::add);
          if (resources.contains(ANY)) {
            statement.put("Resource", ANY);
          } else {
            ArrayNode resource = statement.putArray("Resource");
            resources.forEach(resource::add);
          }
        });
    return policy;
  }
}
