package dev.stepwise.cli;

import dev.stepwise.api.ApiAuth;
import dev.stepwise.api.ApiServer;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.activity.ActivityTasks;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.nested.SfnSdkTasks;
import dev.stepwise.engine.service.ResourceStore;
import dev.stepwise.engine.service.StateMachineGuard;
import dev.stepwise.engine.service.StateMachineStore;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.DeferredDispatcher;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.UnconfiguredTasks;
import dev.stepwise.engine.time.FastTime;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.integrations.http.Connection;
import dev.stepwise.integrations.http.Connections;
import dev.stepwise.integrations.http.HttpTasks;
import dev.stepwise.integrations.routing.RoutingDispatcher;
import dev.stepwise.security.enforce.AuthorizingDispatcher;
import dev.stepwise.security.enforce.IamMode;
import dev.stepwise.security.enforce.ManagedRuleGuard;
import dev.stepwise.security.enforce.RolePermissions;
import dev.stepwise.security.role.Roles;
import dev.stepwise.security.sigv4.AccessKeys;
import dev.stepwise.store.sqlite.SqliteResources;
import dev.stepwise.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise serve}: the Step Functions API, for SDKs, the AWS CLI and workers. */
@Command(
    name = "serve",
    description = "Serves the Step Functions API (AWS JSON 1.0) until stopped (Ctrl-C or SIGTERM).")
final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private final Environment environment;

  ServeCommand(Environment environment) {
    this.environment = environment;
  }

  @Option(names = "--port", description = "Port (default 8083, Step Functions Local's)")
  int port = 8083;

  @Option(names = "--host", description = "Address to bind (default 127.0.0.1)")
  String host = "127.0.0.1";

  @Option(
      names = {"--region", "--aws-region"},
      description = "Region in ARNs (default us-east-1; AWS_DEFAULT_REGION, AWS_REGION)")
  String region = "us-east-1";

  @Option(
      names = {"--account", "--aws-account"},
      description = "Account id in ARNs (default 123456789012; AWS_ACCOUNT_ID)")
  String account = "123456789012";

  @Option(
      names = "--wait-time-scale",
      paramLabel = "SCALE",
      description =
          "Wait states last SCALE times as long: 0 ends them at once, 0.5 halves them"
              + " (default 1; WAIT_TIME_SCALE)")
  double waitTimeScale = 1;

  @Option(
      names = "--store",
      description = "sqlite (default: durable, in --data-dir) or memory (lost when stopped)")
  String store = "sqlite";

  @Option(
      names = "--data-dir",
      description =
          "Where the sqlite store keeps its data (default ~/.stepwise/data; STEPWISE_DATA_DIR)")
  Path dataDir = DEFAULT_DATA_DIR;

  static final Path DEFAULT_DATA_DIR =
      Path.of(System.getProperty("user.home"), ".stepwise", "data");

  /**
   * Step Functions Local's single-dash spellings of serve's options, rewritten to Stepwise's before
   * parsing: they mean the same, and the usage stays readable without them.
   */
  static final java.util.Map<String, String> STEP_FUNCTIONS_LOCAL_SPELLINGS =
      java.util.Map.ofEntries(
          java.util.Map.entry("-account", "--account"),
          java.util.Map.entry("-region", "--region"),
          java.util.Map.entry("-waitTimeScale", "--wait-time-scale"),
          java.util.Map.entry("-lambdaEndpoint", "--lambda-endpoint"),
          java.util.Map.entry("-batchEndpoint", "--batch-endpoint"),
          java.util.Map.entry("-dynamoDBEndpoint", "--dynamodb-endpoint"),
          java.util.Map.entry("-ecsEndpoint", "--ecs-endpoint"),
          java.util.Map.entry("-glueEndpoint", "--glue-endpoint"),
          java.util.Map.entry("-sageMakerEndpoint", "--sagemaker-endpoint"),
          java.util.Map.entry("-snsEndpoint", "--sns-endpoint"),
          java.util.Map.entry("-sqsEndpoint", "--sqs-endpoint"),
          java.util.Map.entry("-stepFunctionsEndpoint", "--step-functions-endpoint"));

  /**
   * {@code args} of serve with Step Functions Local's spellings in Stepwise's ({@code -a=b} too).
   */
  static String[] canonical(String[] args) {
    String[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      int eq = out[i].indexOf('=');
      String name = eq < 0 ? out[i] : out[i].substring(0, eq);
      String canonical = STEP_FUNCTIONS_LOCAL_SPELLINGS.get(name);
      if (canonical != null) {
        out[i] = canonical + (eq < 0 ? "" : out[i].substring(eq));
      }
    }
    return out;
  }

  /** AWS keeps closed executions for 90 days; so does Stepwise (names stay reserved). */
  private static final Duration RETENTION = Duration.ofDays(90);

  @picocli.CommandLine.Mixin MockOptions mocks;

  @picocli.CommandLine.Mixin ConsoleOptions console;

  @picocli.CommandLine.Mixin ObservabilityOptions observability;

  @Option(
      names = "--fast-time",
      description =
          "Virtual time: waits, backoffs and timeouts take no wall time (needs --store memory)")
  boolean fastTime;

  @picocli.CommandLine.Mixin ServiceEndpointOptions serviceEndpoints;

  @Option(
      names = "--connections",
      paramLabel = "FILE",
      description = "HTTP Task connections by ConnectionArn (EventBridge CreateConnection shape)")
  Path connections;

  @Option(
      names = "--max-open-executions",
      paramLabel = "N",
      description =
          "StartExecution fails with ExecutionLimitExceeded beyond this (default 1000000)")
  int maxOpenExecutions = EngineSettings.DEFAULTS.maxOpenExecutions();

  @Option(
      names = "--max-nesting-depth",
      paramLabel = "N",
      description = "How deep executions may start child executions (default 1000)")
  int maxNestingDepth = EngineSettings.DEFAULTS.maxNestingDepth();

  @Option(
      names = "--security",
      paramLabel = "FILE",
      description = "Access keys and IAM roles, JSON (see 'stepwise roles')")
  Path security;

  @Option(
      names = "--iam",
      paramLabel = "off|warn|enforce",
      description = "Check tasks against their state machine's role policies (default off)")
  String iam = "off";

  @Option(
      names = "--auth",
      paramLabel = "none|sigv4",
      description = "Require AWS Signature V4 by an access key of --security (default none)")
  String auth = "none";

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!store.equals("memory") && !store.equals("sqlite")) {
      err.println("stepwise serve: --store takes sqlite or memory, not " + store);
      return 2;
    }
    if (fastTime && !store.equals("memory")) {
      err.println("stepwise serve: --fast-time needs --store memory");
      return 2;
    }
    ServerObservability obs;
    try {
      obs = ServerObservability.open(observability, store.equals("sqlite") ? dataDir : null);
    } catch (IllegalArgumentException e) {
      err.println("stepwise serve: " + e.getMessage());
      return 2;
    }
    IamMode iamMode;
    try {
      iamMode = IamMode.parse(iam);
    } catch (IllegalArgumentException e) {
      err.println("stepwise serve: " + e.getMessage());
      return 2;
    }
    if (!auth.equals("none") && !auth.equals("sigv4")) {
      err.println("stepwise serve: --auth takes none or sigv4, not " + auth);
      return 2;
    }
    Roles roles = Roles.empty();
    AccessKeys keys = null;
    if ((iamMode != IamMode.OFF || auth.equals("sigv4")) && security == null) {
      err.println("stepwise serve: --iam " + iam + " and --auth " + auth + " need --security FILE");
      return 2;
    }
    if (security != null) {
      try {
        // One file, read and parsed once, holds both sections.
        com.fasterxml.jackson.databind.JsonNode config =
            dev.stepwise.security.SecurityFile.parse(
                java.nio.file.Files.readString(security, java.nio.charset.StandardCharsets.UTF_8));
        roles = Roles.fromJson(config);
        keys = AccessKeys.fromJson(config);
      } catch (IOException | IllegalArgumentException e) {
        err.println("stepwise serve: --security " + security + ": " + e.getMessage());
        return 1;
      }
    }
    RolePermissions permissions = new RolePermissions(roles, iamMode, err::println);
    if (!(waitTimeScale >= 0) || Double.isInfinite(waitTimeScale)) {
      err.println(
          "stepwise serve: --wait-time-scale takes a number, 0 or more, not " + waitTimeScale);
      return 2;
    }
    dev.stepwise.integrations.ServiceEndpoints endpoints;
    try {
      endpoints = serviceEndpoints.resolve(environment);
    } catch (ServiceEndpointOptions.BadEndpointException e) {
      err.println("stepwise serve: " + e.getMessage());
      return 2;
    }
    if (endpoints.of("sfn").isPresent()) {
      err.println(
          "stepwise serve: note: the Step Functions endpoint "
              + endpoints.of("sfn").get()
              + " is not used; Stepwise runs nested executions itself");
    }
    EngineSettings settings =
        EngineSettings.DEFAULTS
            .withLocation(region, account)
            .withLimits(maxOpenExecutions, maxNestingDepth)
            .withWaitTimeScale(waitTimeScale);
    FastTime virtual = fastTime ? new FastTime(java.time.Instant.now()) : null;
    InstantSource clock = virtual != null ? virtual.clock() : InstantSource.system();
    RandomGenerator random = new SecureRandom();
    SqliteStore sqlite = null;
    if (store.equals("sqlite")) {
      try {
        sqlite = SqliteStore.open(dataDir);
      } catch (SqliteStore.StoreUnavailableException e) {
        err.println("stepwise serve: " + e.getMessage());
        return 1;
      }
      obs.attach(sqlite);
      sqlite.purgeClosedBefore(clock.instant().minus(RETENTION));
    }
    ExecutionStore executions = sqlite != null ? sqlite : new InMemoryExecutionStore();
    SqliteResources resources = sqlite != null ? sqlite.resources() : null;
    StateMachineStore machines = resources != null ? resources : StateMachineStore.NONE;
    DeferredDispatcher nested = new DeferredDispatcher();
    DeferredDispatcher sfn = new DeferredDispatcher();
    Connections httpConnections = Connections.none().withFallback(Connection.NONE);
    if (connections != null) {
      try {
        httpConnections =
            Connections.parse(
                    dev.stepwise.language.json.Json.parse(
                        InputFiles.read(connections, 1024 * 1024, "connections")))
                .withFallback(Connection.NONE);
      } catch (InputFiles.UnreadableFileException
          | com.fasterxml.jackson.core.JsonProcessingException
          | IllegalArgumentException e) {
        err.println("stepwise serve: --connections " + connections + ": " + e.getMessage());
        return 1;
      }
    }
    HttpTasks http = new HttpTasks(httpConnections, region);
    dev.stepwise.integrations.lambda.LambdaSettings lambdaSettings =
        dev.stepwise.integrations.lambda.LambdaSettings.region(region);
    if (endpoints.of("lambda").isPresent()) {
      lambdaSettings = lambdaSettings.withEndpoint(endpoints.of("lambda").get());
    }
    dev.stepwise.integrations.lambda.LambdaTasks lambda =
        dev.stepwise.integrations.lambda.LambdaTasks.create(lambdaSettings);
    // One set of AWS clients for every service task (and Distributed Map's S3: aws.clients().s3()).
    dev.stepwise.integrations.aws.AwsIntegrations aws =
        dev.stepwise.integrations.aws.AwsIntegrations.create(
            dev.stepwise.integrations.aws.AwsSettings.region(region)
                .withEndpoints(endpoints)
                .withAssumedTaskRoles(iamMode != IamMode.OFF));
    RealTimeScheduler realTime = virtual == null ? new RealTimeScheduler(clock) : null;
    dev.stepwise.engine.time.Scheduler scheduler = virtual != null ? virtual.scheduler() : realTime;
    ActivityTasks activities = new ActivityTasks(clock, scheduler, executions);
    TaskDispatcher tasks =
        RoutingDispatcher.builder()
            .route(ActivityTasks::serves, activities)
            .route(NestedExecutions::serves, nested)
            .route(SfnSdkTasks::serves, sfn)
            .http(http)
            .lambda(lambda)
            .aws(aws)
            .fallback(new UnconfiguredTasks())
            .build();
    dev.stepwise.integrations.mock.MockConfig mockConfig;
    try {
      mockConfig = mocks.load();
    } catch (InputFiles.UnreadableFileException e) {
      err.println("stepwise serve: " + e.getMessage());
      return 1;
    } catch (dev.stepwise.integrations.mock.MockConfigException e) {
      err.println("stepwise serve: " + MockOptions.problems(e));
      return 1;
    }
    java.util.concurrent.atomic.AtomicReference<StepFunctionsService> serviceRef =
        new java.util.concurrent.atomic.AtomicReference<>();
    TaskDispatcher integrations =
        MockOptions.wrap(mockConfig, r -> serviceRef.get().testCase(r.executionArn())).apply(tasks);
    if (iamMode != IamMode.OFF) {
      integrations =
          new AuthorizingDispatcher(
              integrations,
              permissions,
              arn -> serviceRef.get().find(arn).map(e -> e.spec().roleArn()),
              region,
              account);
    }
    Engine engine =
        new Engine(
            settings,
            clock,
            scheduler,
            integrations,
            executions,
            random.nextLong(),
            obs.observer());
    StepFunctionsService service =
        new StepFunctionsService(
            engine,
            executions,
            machines,
            resources != null ? resources : ResourceStore.NONE,
            activities,
            clock,
            UUID::randomUUID,
            iamMode == IamMode.OFF
                ? StateMachineGuard.NONE
                : new ManagedRuleGuard(permissions, region, account));
    serviceRef.set(service);
    obs.bind(engine, realTime, service);
    nested.set(new NestedExecutions(service, random));
    sfn.set(new SfnSdkTasks(service, random));
    int resumed = engine.resumeAll();
    service.resumeDeletions();
    try {
      obs.recovered(resumed, store);
    } catch (IOException e) {
      err.println("stepwise serve: --events-config: " + e.getMessage());
      return 1;
    }
    if (sqlite != null) {
      SqliteStore purged = sqlite;
      // Closed executions go after AWS's 90 days; checked at start and then daily.
      scheduler.schedule(
          clock.instant().plus(Duration.ofDays(1)),
          new Runnable() {
            @Override
            public void run() {
              purged.purgeClosedBefore(clock.instant().minus(RETENTION));
              scheduler.schedule(clock.instant().plus(Duration.ofDays(1)), this);
            }
          });
    }
    ApiServer api;
    ApiAuth apiAuth =
        keys == null || !auth.equals("sigv4")
            ? null
            : new ApiAuth(keys, roles, Arns.of(settings), clock);
    try {
      api = ApiServer.start(host, port, service, apiAuth);
    } catch (IOException e) {
      err.println("stepwise serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      return 1;
    }
    obs.serve(
        api,
        "http://" + host + ":" + api.port(),
        sqlite != null ? "sqlite in " + sqlite.dataDir() : "memory",
        new StepwiseCommand.Version().getVersion()[0].replace("stepwise ", ""));
    String consoleLine = console.install(api, service, apiAuth, host);
    CountDownLatch stopped = new CountDownLatch(1);
    SqliteStore durable = sqlite;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  if (realTime != null) {
                    realTime.close();
                  } else {
                    virtual.close();
                  }
                  http.close();
                  obs.close(); // deliveries stop before the store they read closes
                  if (durable != null) {
                    durable.close(); // writes what is queued first
                  }
                  stopped.countDown();
                }));
    out.println(
        "Stepwise serving the Step Functions API at http://"
            + host
            + ":"
            + api.port()
            + (durable != null
                ? " (store: sqlite in "
                    + durable.dataDir()
                    + ", "
                    + Tables.count(resumed, "execution")
                    + " resumed)"
                : " (store: memory)")
            + (auth.equals("sigv4") ? ", SigV4 required" : "")
            + (iamMode != IamMode.OFF ? ", IAM " + iamMode.name().toLowerCase(Locale.ROOT) : ""));
    if (consoleLine != null) {
      out.println(consoleLine);
    }
    out.flush();
    stopped.await();
    return 0;
  }
}
