package dev.stepwise.engine.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.activity.ActivityTasks;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.nested.ExecutionNames;
import dev.stepwise.engine.nested.ExecutionStarter;
import dev.stepwise.engine.store.ExecutionQuery;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Step Functions control plane: state machines and executions with AWS's rules (names,
 * idempotency, errors). Transport-free: the API adapter, the CLI's in-process runtime and nested
 * executions all call it.
 */
public final class StepFunctionsService implements ExecutionStarter {
  /** AWS's limit on execution input, in UTF-8 bytes. */
  public static final int MAX_INPUT_BYTES = 262_144;

  /**
   * A state machine as DescribeStateMachine shows it.
   *
   * @param updateDate when it was last updated (its creation date until then)
   * @param revisionId set by the first UpdateStateMachine, new with every change
   * @param loggingConfiguration as given, or null for AWS's default (level OFF)
   * @param tracingConfiguration as given, or null for AWS's default (disabled)
   */
  public record StateMachineRecord(
      String arn,
      String name,
      String definition,
      StateMachine model,
      MachineType type,
      String roleArn,
      Instant creationDate,
      Instant updateDate,
      @Nullable String revisionId,
      @Nullable ObjectNode loggingConfiguration,
      @Nullable ObjectNode tracingConfiguration) {}

  /**
   * What UpdateStateMachine answers.
   *
   * @param revisionId null while the state machine has never been changed
   * @param versionArn the version published with the update, or null
   */
  public record Update(
      Instant updateDate, @Nullable String revisionId, @Nullable String versionArn) {}

  /** A published version: its ARN and when it was created. */
  public record Published(String versionArn, Instant creationDate) {}

  private final Engine engine;

  private final ExecutionStore store;
  private final InstantSource clock;
  private final Arns arns;
  private final Supplier<UUID> ids;
  private final StateMachineStore stateMachines;
  private final ConcurrentHashMap<String, StateMachineRecord> machines = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> testCases = new ConcurrentHashMap<>();
  private final StateMachineGuard guard;
  private final ResourceStore resources;
  private final ResourceTags tags;
  private final Activities activities;
  private final StateMachineRevisions revisions;
  private final StateMachineDeletions deletions;
  private final byte[] tokenKey;
  private final dev.stepwise.engine.teststate.TestStates testStates;
  private final Redrives redrives;

  /**
   * The execution that started each open child (absent: top level); a child's nesting depth is the
   * length of its chain. Tasks waiting on children link them again after a restart.
   */
  private final ConcurrentHashMap<String, String> parents = new ConcurrentHashMap<>();

  /**
   * @param ids source of execution names and EXPRESS ARN suffixes (random in production)
   */
  public StepFunctionsService(
      Engine engine, ExecutionStore store, InstantSource clock, Supplier<UUID> ids) {
    this(engine, store, StateMachineStore.NONE, clock, ids);
  }

  public StepFunctionsService(
      Engine engine,
      ExecutionStore store,
      StateMachineStore stateMachines,
      InstantSource clock,
      Supplier<UUID> ids) {
    this(engine, store, stateMachines, clock, ids, StateMachineGuard.NONE);
  }

  public StepFunctionsService(
      Engine engine,
      ExecutionStore store,
      StateMachineStore stateMachines,
      InstantSource clock,
      Supplier<UUID> ids,
      StateMachineGuard guard) {
    this(engine, store, stateMachines, ResourceStore.NONE, null, clock, ids, guard);
  }

  /**
   * @param activityTasks the engine's activity integration (GetActivityTask hands out its tasks),
   *     or null when the engine runs none: activities can be created, but no task ever waits
   */
  public StepFunctionsService(
      Engine engine,
      ExecutionStore store,
      StateMachineStore stateMachines,
      ResourceStore resources,
      @Nullable ActivityTasks activityTasks,
      InstantSource clock,
      Supplier<UUID> ids,
      StateMachineGuard guard) {
    this.guard = guard;
    this.resources = resources;
    this.engine = engine;
    this.store = store;
    this.stateMachines = stateMachines;
    this.clock = clock;
    this.arns = Arns.of(engine.settings());
    this.ids = ids;
    stateMachines.all().forEach(sm -> machines.put(sm.arn(), sm));
    testCases.putAll(resources.testCases());
    this.tags = new ResourceTags(resources, this::taggable);
    this.activities = new Activities(arns, clock, resources, tags, activityTasks);
    this.deletions = new StateMachineDeletions(engine, store, stateMachines, this::deleteNow);
    this.testStates =
        new dev.stepwise.engine.teststate.TestStates(engine.settings(), engine.tasks(), clock, ids);
    this.redrives =
        new Redrives(
            engine, store, clock, arn -> deletions.deleting(arn) || !machines.containsKey(arn));
    this.revisions =
        new StateMachineRevisions(
            this::describeStateMachine, deletions::refuseIfDeleting, resources, clock, machines);
    this.tokenKey = resources.tokenKey().orElseGet(StepFunctionsService::newTokenKey);
  }

  private static byte[] newTokenKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return key;
  }

  /** The key page tokens are sealed with (see {@link ResourceStore#tokenKey}). */
  public byte[] tokenKey() {
    return tokenKey.clone();
  }

  public Arns arns() {
    return arns;
  }

  public InstantSource clock() {
    return clock;
  }

  /** The mock test case an execution was started with ({@code arn#TestCase}), if any. */
  public Optional<String> testCase(String executionArn) {
    return Optional.ofNullable(testCases.get(executionArn));
  }

  // ---------------------------------------------------------------------------------------------
  // State machines

  public StateMachineRecord createStateMachine(
      String name, String definition, @Nullable String roleArn, MachineType type)
      throws ServiceException {
    return createStateMachine(name, definition, roleArn, type, null, null, Map.of());
  }

  /**
   * CreateStateMachine. Idempotent as on AWS: the same name, definition, type, logging and tracing
   * again return the existing state machine, whatever the role and tags say.
   */
  public StateMachineRecord createStateMachine(
      String name,
      String definition,
      @Nullable String roleArn,
      MachineType type,
      @Nullable ObjectNode loggingConfiguration,
      @Nullable ObjectNode tracingConfiguration,
      Map<String, String> tags)
      throws ServiceException {
    if (!ExecutionNames.valid(name)) {
      throw new ServiceException("InvalidName", "Invalid Name: '" + name + "'");
    }
    String role = roleArn == null ? arns.defaultRole() : roleArn;
    checkRoleArn(role);
    ParseResult parsed = parse(definition, type);
    guard.check(role, parsed.machine());
    String arn = arns.stateMachine(name);
    deletions.refuseIfDeleting(arn);
    ResourceTags.checkCount(arn, tags.size());
    Instant now = clock.instant();
    StateMachineRecord created =
        new StateMachineRecord(
            arn,
            name,
            definition,
            parsed.machine(),
            type,
            role,
            now,
            now,
            null,
            loggingConfiguration,
            tracingConfiguration);
    StateMachineRecord existing = machines.putIfAbsent(arn, created);
    if (existing == null) {
      stateMachines.save(created);
      this.tags.initial(arn, tags);
      return created;
    }
    if (existing.definition().equals(definition)
        && existing.type() == type
        && Objects.equals(existing.loggingConfiguration(), loggingConfiguration)
        && Objects.equals(existing.tracingConfiguration(), tracingConfiguration)) {
      return existing; // AWS: the same request again is idempotent
    }
    throw new ServiceException(
        "StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
  }

  private static void checkRoleArn(String role) throws ServiceException {
    if (!role.startsWith("arn:")) {
      throw new ServiceException("InvalidArn", "Invalid Arn: '" + role + "'");
    }
  }

  private static ParseResult parse(String definition, MachineType type) throws ServiceException {
    ParseResult parsed = new DefinitionParser(type).parse(definition);
    if (!parsed.valid()) {
      throw new ServiceException("InvalidDefinition", parsed.invalidDefinitionMessage());
    }
    return parsed;
  }

  /**
   * UpdateStateMachine: a new definition, role, logging or tracing configuration. Running
   * executions keep what they started with. An update that changes nothing answers the current
   * revision. With {@code publish} the resulting revision is published as a version (alone it
   * publishes the current revision, or answers the version that already has it).
   */
  public Update updateStateMachine(
      String arn,
      @Nullable String definition,
      @Nullable String roleArn,
      @Nullable ObjectNode loggingConfiguration,
      @Nullable ObjectNode tracingConfiguration,
      boolean publish,
      @Nullable String versionDescription)
      throws ServiceException {
    boolean changes =
        definition != null
            || roleArn != null
            || loggingConfiguration != null
            || tracingConfiguration != null;
    if (!changes && !publish) {
      throw new ServiceException(
          "MissingRequiredParameter",
          "Either the definition, the role ARN, the LoggingConfiguration, or the"
              + " TracingConfiguration must be specified");
    }
    synchronized (machines) {
      StateMachineRecord sm = describeStateMachine(arn);
      deletions.refuseIfDeleting(arn);
      Update update =
          changes
              ? change(sm, definition, roleArn, loggingConfiguration, tracingConfiguration)
              : new Update(sm.updateDate(), sm.revisionId(), null);
      if (!publish) {
        return update;
      }
      Published version = revisions.publish(arn, null, versionDescription);
      return new Update(update.updateDate(), update.revisionId(), version.versionArn());
    }
  }

  private Update change(
      StateMachineRecord sm,
      @Nullable String definition,
      @Nullable String roleArn,
      @Nullable ObjectNode loggingConfiguration,
      @Nullable ObjectNode tracingConfiguration)
      throws ServiceException {
    if (roleArn != null) {
      checkRoleArn(roleArn);
    }
    ParseResult parsed = definition == null ? null : parse(definition, sm.type());
    String role = roleArn == null ? sm.roleArn() : roleArn;
    StateMachine model = parsed == null ? sm.model() : parsed.machine();
    guard.check(role, model);
    String newDefinition = definition == null ? sm.definition() : definition;
    ObjectNode logging =
        loggingConfiguration == null ? sm.loggingConfiguration() : loggingConfiguration;
    ObjectNode tracing =
        tracingConfiguration == null ? sm.tracingConfiguration() : tracingConfiguration;
    if (newDefinition.equals(sm.definition())
        && role.equals(sm.roleArn())
        && Objects.equals(logging, sm.loggingConfiguration())
        && Objects.equals(tracing, sm.tracingConfiguration())) {
      // Nothing changed: no new revision, so publishing answers the version that has this one
      // (test_empty_revision_with_publish_and_no_publish_on_creation).
      return new Update(sm.updateDate(), sm.revisionId(), null);
    }
    StateMachineRecord updated =
        new StateMachineRecord(
            sm.arn(),
            sm.name(),
            newDefinition,
            model,
            sm.type(),
            role,
            sm.creationDate(),
            clock.instant(),
            ids.get().toString(),
            logging,
            tracing);
    machines.put(sm.arn(), updated);
    stateMachines.save(updated);
    return new Update(updated.updateDate(), updated.revisionId(), null);
  }

  public StateMachineRecord describeStateMachine(String arn) throws ServiceException {
    StateMachineRecord sm = machines.get(arn);
    if (sm == null) {
      ArnChecks.check(arn, "stateMachine");
      throw new ServiceException(
          "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }
    return sm;
  }

  /** The state machine with this ARN, if there is one (no error: for observers on the hot path). */
  public Optional<StateMachineRecord> stateMachine(String arn) {
    return Optional.ofNullable(machines.get(arn));
  }

  /**
   * Whether a state machine's {@code loggingConfiguration} asks for execution logs: an EXPRESS
   * execution then keeps its events, which are its only history (AWS: CloudWatch Logs).
   */
  private static boolean logs(@Nullable ObjectNode loggingConfiguration) {
    return loggingConfiguration != null
        && !"OFF".equals(loggingConfiguration.path("level").asText("OFF"));
  }

  public List<StateMachineRecord> listStateMachines() {
    return machines.values().stream()
        .sorted(Comparator.comparing(StateMachineRecord::name))
        .toList();
  }

  /**
   * DeleteStateMachine: at once, or (a STANDARD one with running executions) {@code DELETING} until
   * they have closed, each failing at its next state transition.
   */
  public void deleteStateMachine(String arn) throws ServiceException {
    ArnChecks.check(arn, "stateMachine");
    StateMachineRecord sm = machines.get(arn);
    if (sm != null) {
      deletions.delete(arn, sm.type());
    }
  }

  /** Whether DeleteStateMachine left this state machine {@code DELETING}. */
  public boolean deleting(String stateMachineArn) {
    return deletions.deleting(stateMachineArn);
  }

  /** Deletions left DELETING by a restart go on; call once the engine has resumed. */
  public void resumeDeletions() {
    deletions.resume();
  }

  private void deleteNow(String arn) {
    synchronized (machines) {
      if (machines.remove(arn) != null) {
        stateMachines.delete(arn);
        tags.remove(arn);
        revisions.forget(arn);
      }
    }
  }

  /** What StartExecution runs for an ARN: the state machine, a version, or an alias's pick. */
  private record Target(
      StateMachineRecord machine, @Nullable String versionArn, @Nullable String aliasArn) {}

  private Target target(String arn) throws ServiceException {
    StateMachineRecord sm = machines.get(arn);
    if (sm != null) {
      return new Target(sm, null, null);
    }
    StateMachineVersion version = revisions.version(arn).orElse(null);
    if (version != null) {
      return new Target(version.machine(), version.arn(), null);
    }
    StateMachineAlias alias = revisions.alias(arn).orElse(null);
    if (alias != null) {
      // A version by weight: the first route takes picks below its weight.
      int pick = (int) Math.floorMod(ids.get().getLeastSignificantBits(), 100L);
      StateMachineAlias.Route chosen = alias.routing().get(alias.routing().size() - 1);
      int bound = 0;
      for (StateMachineAlias.Route r : alias.routing()) {
        bound += r.weight();
        if (pick < bound) {
          chosen = r;
          break;
        }
      }
      StateMachineVersion v = revisions.version(chosen.stateMachineVersionArn()).orElse(null);
      if (v != null) {
        return new Target(v.machine(), v.arn(), alias.arn());
      }
    }
    return new Target(describeStateMachine(arn), null, null);
  }

  /** TestState: one state run once, with what each step produced (AWS's response JSON). */
  public ObjectNode testState(dev.stepwise.engine.teststate.TestStateRequest request)
      throws ServiceException, InterruptedException {
    return testStates.test(request);
  }

  // ---------------------------------------------------------------------------------------------
  // Versions and aliases, activities, tags

  public StateMachineRevisions revisions() {
    return revisions;
  }

  public Activities activities() {
    return activities;
  }

  public ResourceTags tags() {
    return tags;
  }

  /** Only state machines and activities carry tags (not versions, aliases or executions). */
  private boolean taggable(String arn) {
    return machines.containsKey(arn) || activities.exists(arn);
  }

  // ---------------------------------------------------------------------------------------------
  // Executions

  /** StartExecution: {@code name} defaults to a UUID, {@code input} to {@code {}}. */
  public Execution startExecution(
      String stateMachineArn, @Nullable String name, @Nullable String input, boolean history)
      throws ServiceException {
    return startExecution(stateMachineArn, name, input, history, e -> {}, true);
  }

  /**
   * @param here whether the first step runs on the caller's thread (an API request's, not an engine
   *     thread starting a child)
   */
  private Execution startExecution(
      String stateMachineArn,
      @Nullable String name,
      @Nullable String input,
      boolean history,
      java.util.function.Consumer<Execution> beforeRun,
      boolean here)
      throws ServiceException {
    // Step Functions Local's mock test cases: StartExecution on "<stateMachineArn>#<TestCase>".
    String base = Arns.withoutTestCase(stateMachineArn);
    String testCase =
        base.equals(stateMachineArn) ? null : stateMachineArn.substring(base.length() + 1);
    Target target = target(base);
    StateMachineRecord sm = target.machine();
    deletions.refuseIfDeleting(sm.arn());
    String executionName = name == null ? ids.get().toString() : name;
    if (!ExecutionNames.valid(executionName)) {
      throw new ServiceException("InvalidName", "Invalid Name: '" + executionName + "'");
    }
    String text = input == null ? "{}" : input;
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
      throw new ServiceException(
          "InvalidExecutionInput",
          "Invalid State Machine Execution Input: the input exceeds the maximum size of "
              + MAX_INPUT_BYTES
              + " bytes");
    }
    JsonNode json;
    try {
      json = Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new ServiceException(
          "InvalidExecutionInput",
          "Invalid State Machine Execution Input: '" + e.getOriginalMessage() + "'");
    }
    if (json == null || json.isMissingNode()) {
      // [INFER] Empty or blank input: AWS refuses it; the text is LocalStack's for that case.
      throw new ServiceException(
          "InvalidExecutionInput",
          "Invalid State Machine Execution Input: 'Invalid execution input.'");
    }
    if (engine.openExecutions() >= engine.settings().maxOpenExecutions()) {
      throw new ServiceException(
          "ExecutionLimitExceeded",
          "Execution Limit Exceeded: '"
              + engine.settings().maxOpenExecutions()
              + "' open executions");
    }
    if (sm.type() == MachineType.STANDARD) {
      String arn = arns.execution(sm.name(), executionName);
      Optional<Execution> live = engine.find(arn);
      Optional<ExecutionRecord> stored = store.find(arn);
      if (live.isPresent() || stored.isPresent()) {
        // AWS: same name and input while RUNNING returns the running execution.
        if (live.isPresent()
            && live.get().status() == ExecutionStatus.RUNNING
            && live.get().spec().input().equals(json)) {
          beforeRun.accept(live.get());
          return live.get();
        }
        throw new ServiceException(
            "ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
      }
    }
    String executionArn =
        sm.type() == MachineType.EXPRESS
            ? arns.expressExecution(sm.name(), executionName, ids.get().toString())
            : arns.execution(sm.name(), executionName);
    ExecutionSpec spec =
        new ExecutionSpec(
            executionArn,
            executionName,
            sm.arn(),
            sm.name(),
            sm.model(),
            sm.type(),
            json,
            sm.roleArn(),
            clock.instant(),
            target.versionArn(),
            target.aliasArn(),
            history || logs(sm.loggingConfiguration()));
    if (testCase != null) {
      testCases.put(executionArn, testCase);
      resources.saveTestCase(executionArn, testCase);
    }
    try {
      Execution started = engine.start(spec, beforeRun, here);
      deletions.started(sm.arn(), executionArn);
      if (testCase != null) {
        started
            .completion()
            .thenRun(
                () -> {
                  testCases.remove(executionArn);
                  resources.saveTestCase(executionArn, null);
                });
      }
      return started;
    } catch (IllegalStateException e) {
      throw new ServiceException(
          "ExecutionAlreadyExists", "Execution Already Exists: '" + executionArn + "'");
    }
  }

  @Override
  public Execution start(
      String stateMachineArn,
      String name,
      String input,
      @Nullable String parentExecutionArn,
      java.util.function.Consumer<Execution> beforeRun)
      throws ServiceException {
    int depth = parentExecutionArn == null ? 1 : levels(parentExecutionArn) + 1;
    if (depth >= engine.settings().maxNestingDepth()) {
      // [INFER] AWS has no depth limit (its open-executions quota stops runaway recursion); the
      // error is that quota's, so callers' Retry/Catch on it work unchanged.
      throw new ServiceException(
          "ExecutionLimitExceeded",
          "Execution Limit Exceeded: nesting depth "
              + engine.settings().maxNestingDepth()
              + " reached by '"
              + parentExecutionArn
              + "'");
    }
    // The depth is known before the child runs: its own tasks look it up.
    return startExecution(
        stateMachineArn,
        name,
        input,
        true,
        child -> {
          if (parentExecutionArn != null) {
            relink(parentExecutionArn, child);
          }
          beforeRun.accept(child);
        },
        false);
  }

  /** How many parents above {@code executionArn} (0 for a top-level execution). */
  private int levels(String executionArn) {
    int levels = 0;
    int limit = engine.settings().maxNestingDepth();
    for (String at = parents.get(executionArn);
        at != null && levels < limit;
        at = parents.get(at)) {
      levels++;
    }
    return levels;
  }

  @Override
  public void relink(String parentExecutionArn, Execution child) {
    String arn = child.spec().executionArn();
    if (parents.putIfAbsent(arn, parentExecutionArn) == null) {
      child.completion().thenRun(() -> parents.remove(arn));
    }
  }

  @Override
  public void stop(String executionArn, @Nullable String error, @Nullable String cause) {
    engine.stop(executionArn, error, cause);
  }

  @Override
  public String executionArn(String stateMachineArn, String name) {
    StateMachineRecord sm = machines.get(StateMachineRevisions.unqualified(stateMachineArn));
    return sm == null ? "" : arns.execution(sm.name(), name);
  }

  @Override
  public Optional<Execution> find(String executionArn) {
    return engine.find(executionArn).filter(e -> e.status() == ExecutionStatus.RUNNING);
  }

  @Override
  public Optional<ExecutionRecord> closed(String executionArn) {
    return store.find(executionArn).filter(r -> r.status() != ExecutionStatus.RUNNING);
  }

  public ExecutionRecord describeExecution(String executionArn) throws ServiceException {
    ArnChecks.checkExecution(executionArn);
    Optional<ExecutionRecord> stored = store.find(executionArn);
    if (stored.isPresent()) {
      return stored.get();
    }
    // Started but its first step not stored yet: the live execution answers.
    Execution live =
        engine
            .find(executionArn)
            .orElseThrow(
                () ->
                    new ServiceException(
                        "ExecutionDoesNotExist",
                        "Execution Does Not Exist: '" + executionArn + "'"));
    return new ExecutionRecord(
        live.spec(), 0, live.status(), live.output(), live.error(), live.cause(), live.stopDate());
  }

  /**
   * RedriveExecution: a FAILED, TIMED_OUT or ABORTED STANDARD execution goes on from the states
   * that did not finish.
   *
   * @return the redrive's date
   */
  public Instant redriveExecution(String executionArn, @Nullable String clientToken)
      throws ServiceException, InterruptedException {
    return redrives.redrive(describeExecution(executionArn), clientToken);
  }

  /** DescribeExecution's redrive status of an execution. */
  public Redrives.@Nullable Status redriveStatus(ExecutionRecord record) {
    return redrives.status(record);
  }

  public void stopExecution(String executionArn, @Nullable String error, @Nullable String cause)
      throws ServiceException {
    describeExecution(executionArn);
    engine.stop(executionArn, error, cause);
  }

  public List<HistoryEvent> history(String executionArn) throws ServiceException {
    describeExecution(executionArn);
    return store.history(executionArn);
  }

  /**
   * ListExecutions, of a state machine, or of a version or alias of it (the executions started
   * through that ARN).
   */
  public List<ExecutionRecord> listExecutions(ExecutionQuery query) throws ServiceException {
    return listExecutions(query, null);
  }

  /**
   * @param redriven only executions redriven at least once (true) or never (false), or all
   */
  public List<ExecutionRecord> listExecutions(ExecutionQuery query, @Nullable Boolean redriven)
      throws ServiceException {
    java.util.function.Predicate<ExecutionRecord> redrive =
        redriven == null ? null : r -> (r.redriveCount() > 0) == redriven;
    String arn = query.stateMachineArn();
    if (arn == null) {
      return redrive == null ? store.list(query) : filtered(query, null, redrive);
    }
    StateMachineVersion version = revisions.version(arn).orElse(null);
    StateMachineAlias alias = revisions.alias(arn).orElse(null);
    String base =
        version != null ? version.machine().arn() : alias != null ? alias.stateMachineArn() : arn;
    StateMachineRecord sm = describeStateMachine(base);
    if (sm.type() == MachineType.EXPRESS) {
      throw new ServiceException(
          "StateMachineTypeNotSupported",
          "This operation is not supported by this type of state machine");
    }
    if (version == null && alias == null) {
      return redrive == null ? store.list(query) : filtered(query, base, redrive);
    }
    java.util.function.Predicate<ExecutionRecord> through =
        version != null
            ? r -> arn.equals(r.spec().stateMachineVersionArn())
            : r -> arn.equals(r.spec().stateMachineAliasArn());
    return filtered(query, base, redrive == null ? through : through.and(redrive));
  }

  /**
   * The store filters by state machine; a version, an alias or the redrive filter is applied here,
   * batch by batch.
   */
  private List<ExecutionRecord> filtered(
      ExecutionQuery query,
      @Nullable String base,
      java.util.function.Predicate<ExecutionRecord> through) {
    List<ExecutionRecord> out = new java.util.ArrayList<>();
    ExecutionQuery.Position after = query.after();
    int batch = Math.max(query.limit(), 100);
    while (out.size() < query.limit()) {
      List<ExecutionRecord> page =
          store.list(new ExecutionQuery(base, query.status(), batch, after, query.startedBy()));
      for (ExecutionRecord r : page) {
        if (through.test(r) && out.size() < query.limit()) {
          out.add(r);
        }
      }
      if (page.size() < batch) {
        break;
      }
      ExecutionRecord last = page.get(page.size() - 1);
      after = new ExecutionQuery.Position(last.spec().startTime(), last.spec().executionArn());
    }
    return out;
  }

  /**
   * SendTaskSuccess/Failure/Heartbeat.
   *
   * @return completes once the outcome is stored with the execution
   */
  public java.util.concurrent.CompletableFuture<Void> sendTask(
      String token, Engine.TokenOutcome outcome) throws ServiceException {
    if (token.isEmpty() || token.length() > 2048) {
      throw new ServiceException("InvalidToken", "Invalid Token: 'Invalid token'");
    }
    java.util.concurrent.CompletableFuture<Void> stored = engine.completeTask(token, outcome);
    if (stored == null) {
      throw new ServiceException(
          "TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'");
    }
    return stored;
  }
}
