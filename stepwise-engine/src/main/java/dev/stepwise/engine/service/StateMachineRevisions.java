package dev.stepwise.engine.service;

import dev.stepwise.engine.service.StepFunctionsService.StateMachineRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * State machine versions (PublishStateMachineVersion, List/DeleteStateMachineVersion) and aliases
 * (Create/Describe/Update/Delete/ListStateMachineAliases) with their routing.
 */
public final class StateMachineRevisions {
  public static final int MAX_VERSIONS = 1_000;

  public static final int MAX_ALIASES = 100;

  /** AWS's message when an alias, or a version it routes to, does not exist. */
  private static final String NO_SUCH_RESOURCE =
      "Request references a resource that does not exist.";

  /** The state machines, as the service describes them. */
  @FunctionalInterface
  interface Machines {
    StateMachineRecord describe(String arn) throws ServiceException;
  }

  /** Refuses a change to a state machine that is being deleted ({@code StateMachineDeleting}). */
  @FunctionalInterface
  interface Changeable {
    void check(String stateMachineArn) throws ServiceException;
  }

  private final Machines machines;
  private final Changeable changeable;
  private final ResourceStore resources;
  private final InstantSource clock;
  private final Object lock;
  private final ConcurrentHashMap<String, StateMachineVersion> versions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, StateMachineAlias> aliases = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> lastVersions = new ConcurrentHashMap<>();

  /**
   * @param lock held by every change of state machines, versions and aliases together
   */
  StateMachineRevisions(
      Machines machines,
      Changeable changeable,
      ResourceStore resources,
      InstantSource clock,
      Object lock) {
    this.machines = machines;
    this.changeable = changeable;
    this.resources = resources;
    this.clock = clock;
    this.lock = lock;
    resources.versions().forEach(v -> versions.put(v.arn(), v));
    resources.aliases().forEach(a -> aliases.put(a.arn(), a));
    lastVersions.putAll(resources.lastVersions());
  }

  /** The alias with this ARN ({@code <stateMachineArn>:<name>}), if it exists. */
  public Optional<StateMachineAlias> alias(String aliasArn) {
    return Optional.ofNullable(aliases.get(aliasArn));
  }

  /** AWS: deleting a state machine deletes its versions and aliases (called under the lock). */
  void forget(String stateMachineArn) {
    for (StateMachineAlias a : List.copyOf(aliases.values())) {
      if (a.stateMachineArn().equals(stateMachineArn)) {
        aliases.remove(a.arn());
        resources.deleteAlias(a.arn());
      }
    }
    for (StateMachineVersion v : List.copyOf(versions.values())) {
      if (v.machine().arn().equals(stateMachineArn)) {
        versions.remove(v.arn());
        resources.deleteVersion(v.arn());
      }
    }
    if (lastVersions.remove(stateMachineArn) != null) {
      resources.saveLastVersion(stateMachineArn, 0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Versions

  /**
   * PublishStateMachineVersion: the state machine's current revision as a new version, numbered
   * after every version it ever had; a revision already published answers its version.
   *
   * @param revisionId publish only if this is still the current revision (ConflictException)
   */
  public StepFunctionsService.Published publish(
      String arn, @Nullable String revisionId, @Nullable String description)
      throws ServiceException {
    synchronized (lock) {
      StateMachineRecord sm = machines.describe(arn);
      changeable.check(arn);
      if (revisionId != null && !revisionId.equals(sm.revisionId())) {
        throw new ServiceException(
            "ConflictException",
            "Failed to publish the State Machine version for revision "
                + revisionId
                + ". The current State Machine revision is "
                + sm.revisionId()
                + ".");
      }
      List<StateMachineVersion> published = versionsOf(sm.arn());
      for (StateMachineVersion v : published) {
        if (Objects.equals(v.machine().revisionId(), sm.revisionId())) {
          return new StepFunctionsService.Published(v.arn(), v.creationDate());
        }
      }
      if (published.size() >= MAX_VERSIONS) {
        // [INFER] AWS documents the quota and the error, not the message.
        throw new ServiceException(
            "ServiceQuotaExceededException",
            "Service quota exceeded: a state machine can have at most "
                + MAX_VERSIONS
                + " versions: '"
                + arn
                + "'");
      }
      long number = lastVersions.getOrDefault(sm.arn(), 0L) + 1;
      StateMachineVersion v =
          new StateMachineVersion(
              sm.arn() + ":" + number, number, sm, description, clock.instant());
      versions.put(v.arn(), v);
      lastVersions.put(sm.arn(), number);
      resources.saveVersion(v);
      resources.saveLastVersion(sm.arn(), number);
      return new StepFunctionsService.Published(v.arn(), v.creationDate());
    }
  }

  /** The version with this ARN ({@code <stateMachineArn>:<number>}), if it exists. */
  public Optional<StateMachineVersion> version(String versionArn) {
    return Optional.ofNullable(versions.get(versionArn));
  }

  /** ListStateMachineVersions: newest first; none for a state machine that does not exist. */
  public List<StateMachineVersion> list(String stateMachineArn) throws ServiceException {
    ArnChecks.check(stateMachineArn, "stateMachine");
    return versionsOf(stateMachineArn);
  }

  private List<StateMachineVersion> versionsOf(String stateMachineArn) {
    return versions.values().stream()
        .filter(v -> v.machine().arn().equals(stateMachineArn))
        .sorted(Comparator.comparingLong(StateMachineVersion::number).reversed())
        .toList();
  }

  /** DeleteStateMachineVersion: no error when it does not exist; not while an alias uses it. */
  public void delete(String versionArn) throws ServiceException {
    ArnChecks.check(versionArn, "stateMachine");
    if (!isVersionArn(versionArn)) {
      // [INFER] AWS lists ValidationException for this call; its text is not documented.
      throw ServiceException.validation("Invalid State Machine Version Arn: '" + versionArn + "'");
    }
    synchronized (lock) {
      List<String> using =
          aliases.values().stream()
              .filter(a -> routesTo(a, versionArn))
              .sorted(Comparator.comparing(StateMachineAlias::creationDate))
              .map(StateMachineAlias::name)
              .toList();
      if (!using.isEmpty()) {
        throw new ServiceException(
            "ConflictException",
            "Version to be deleted must not be referenced by an alias. Current list of aliases"
                + " referencing this version: ["
                + String.join(", ", using)
                + "]");
      }
      if (versions.remove(versionArn) != null) {
        resources.deleteVersion(versionArn);
      }
    }
  }

  /** {@code ...:stateMachine:<name>:<number>}. */
  static boolean isVersionArn(String arn) {
    String qualifier = qualifier(arn);
    return qualifier != null
        && !qualifier.isEmpty()
        && qualifier.chars().allMatch(Character::isDigit);
  }

  /** What follows the state machine's name in a qualified ARN, or null. */
  private static @Nullable String qualifier(String arn) {
    String[] parts = arn.split(":", 8);
    return parts.length == 8 ? parts[7] : null;
  }

  /** The unqualified state machine ARN of a version or alias ARN. */
  static String unqualified(String arn) {
    String qualifier = qualifier(arn);
    return qualifier == null ? arn : arn.substring(0, arn.length() - qualifier.length() - 1);
  }

  private static boolean routesTo(StateMachineAlias alias, String versionArn) {
    return alias.routing().stream().anyMatch(r -> r.stateMachineVersionArn().equals(versionArn));
  }

  // ---------------------------------------------------------------------------------------------
  // Aliases

  /**
   * CreateStateMachineAlias: {@code <stateMachineArn>:<name>}; the same request again answers the
   * existing alias. The name's syntax is the API's to check.
   */
  public StateMachineAlias createAlias(
      String name, @Nullable String description, List<StateMachineAlias.Route> routing)
      throws ServiceException {
    synchronized (lock) {
      // Under the lock: a version deleted meanwhile cannot be routed to.
      String stateMachineArn = checkRouting(routing);
      changeable.check(stateMachineArn);
      String arn = stateMachineArn + ":" + name;
      StateMachineAlias existing = aliases.get(arn);
      if (existing != null) {
        if (Objects.equals(existing.description(), description)
            && existing.routing().equals(routing)) {
          return existing;
        }
        throw new ServiceException(
            "ConflictException",
            "Failed to create alias because an alias with the same name and a different routing"
                + " configuration already exists.");
      }
      long count =
          aliases.values().stream()
              .filter(a -> a.stateMachineArn().equals(stateMachineArn))
              .count();
      if (count >= MAX_ALIASES) {
        // [INFER] AWS documents the quota and the error, not the message.
        throw new ServiceException(
            "ServiceQuotaExceededException",
            "Service quota exceeded: a state machine can have at most "
                + MAX_ALIASES
                + " aliases: '"
                + stateMachineArn
                + "'");
      }
      Instant now = clock.instant();
      StateMachineAlias alias =
          new StateMachineAlias(arn, stateMachineArn, name, description, routing, now, now);
      aliases.put(arn, alias);
      resources.saveAlias(alias);
      return alias;
    }
  }

  /**
   * A routing configuration names distinct, existing versions of one state machine whose weights
   * add up to 100.
   *
   * @return that state machine's ARN
   */
  private String checkRouting(List<StateMachineAlias.Route> routing) throws ServiceException {
    List<String> arns =
        routing.stream().map(StateMachineAlias.Route::stateMachineVersionArn).toList();
    String received = "[" + String.join(", ", arns) + "]";
    if (!arns.stream().allMatch(StateMachineRevisions::isVersionArn)) {
      throw ServiceException.validation(
          "Routing configuration must contain state machine version ARNs. Received: " + received);
    }
    if (new java.util.HashSet<>(arns).size() != arns.size()) {
      throw ServiceException.validation(
          "Routing configuration must contain distinct state machine version ARNs. Received: "
              + received);
    }
    if (routing.stream().mapToInt(StateMachineAlias.Route::weight).sum() != 100) {
      throw ServiceException.validation(
          "Sum of routing configuration weights must equal 100. Received: "
              + routing.stream().map(r -> String.valueOf(r.weight())).toList());
    }
    String stateMachineArn = unqualified(arns.get(0));
    if (!arns.stream().allMatch(a -> unqualified(a).equals(stateMachineArn))) {
      // [INFER] AWS requires versions of one state machine; this text is Stepwise's.
      throw ServiceException.validation(
          "Routing configuration must contain versions of the same state machine. Received: "
              + received);
    }
    for (String arn : arns) {
      if (!versions.containsKey(arn)) {
        throw new ServiceException("ResourceNotFound", NO_SUCH_RESOURCE, arn);
      }
    }
    return stateMachineArn;
  }

  public StateMachineAlias describeAlias(String aliasArn) throws ServiceException {
    StateMachineAlias alias = aliases.get(aliasArn);
    if (alias == null) {
      ArnChecks.check(aliasArn, "stateMachine");
      throw new ServiceException("ResourceNotFound", NO_SUCH_RESOURCE, aliasArn);
    }
    return alias;
  }

  /**
   * UpdateStateMachineAlias: a new description and/or routing configuration.
   *
   * @return the update date
   */
  public Instant updateAlias(
      String aliasArn,
      @Nullable String description,
      @Nullable List<StateMachineAlias.Route> routing)
      throws ServiceException {
    synchronized (lock) {
      StateMachineAlias alias = describeAlias(aliasArn);
      changeable.check(alias.stateMachineArn());
      if (routing != null && !checkRouting(routing).equals(alias.stateMachineArn())) {
        // [INFER] as for creation: the versions must be the alias's state machine's.
        throw ServiceException.validation(
            "Routing configuration must contain versions of the same state machine. Received: "
                + routing.stream().map(StateMachineAlias.Route::stateMachineVersionArn).toList());
      }
      StateMachineAlias updated =
          new StateMachineAlias(
              alias.arn(),
              alias.stateMachineArn(),
              alias.name(),
              description == null ? alias.description() : description,
              routing == null ? alias.routing() : routing,
              alias.creationDate(),
              clock.instant());
      aliases.put(aliasArn, updated);
      resources.saveAlias(updated);
      return updated.updateDate();
    }
  }

  /** DeleteStateMachineAlias: no error when it does not exist. */
  public void deleteAlias(String aliasArn) throws ServiceException {
    ArnChecks.check(aliasArn, "stateMachine");
    synchronized (lock) {
      if (aliases.remove(aliasArn) != null) {
        resources.deleteAlias(aliasArn);
      }
    }
  }

  /**
   * ListStateMachineAliases of a state machine, or of one version (the aliases routing to it), in
   * the order they were created.
   */
  public List<StateMachineAlias> listAliases(String arn) throws ServiceException {
    java.util.function.Predicate<StateMachineAlias> listed;
    if (isVersionArn(arn)) {
      if (!versions.containsKey(arn)) {
        ArnChecks.check(arn, "stateMachine");
        throw new ServiceException("ResourceNotFound", NO_SUCH_RESOURCE, arn);
      }
      listed = a -> routesTo(a, arn);
    } else {
      machines.describe(arn);
      listed = a -> a.stateMachineArn().equals(arn);
    }
    return aliases.values().stream()
        .filter(listed)
        .sorted(
            Comparator.comparing(StateMachineAlias::creationDate)
                .thenComparing(StateMachineAlias::name))
        .toList();
  }
}
