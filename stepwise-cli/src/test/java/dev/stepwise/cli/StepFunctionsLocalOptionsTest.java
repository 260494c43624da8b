package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.integrations.ServiceEndpoints;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Step Functions Local's flags and environment variables, each read by {@code serve} with the
 * meaning it has there (docs/migrating-from-step-functions-local.md); parsed in process, without
 * starting a server. {@link StepFunctionsLocalServeTest} shows their effect on a running one.
 */
class StepFunctionsLocalOptionsTest {
  private static ServeCommand parse(Map<String, String> env, String... args) {
    CommandLine cli =
        StepwiseCommand.commandLine(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            new Environment(env));
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    return (ServeCommand)
        cli.parseArgs(ServeCommand.canonical(all)).subcommand().commandSpec().userObject();
  }

  private static Map<String, URI> endpoints(ServeCommand serve, Map<String, String> env)
      throws Exception {
    return new TreeMap<>(serve.serviceEndpoints.resolve(new Environment(env)).endpoints());
  }

  @Test
  void theDefaultsAreStepFunctionsLocals() throws Exception {
    ServeCommand serve = parse(Map.of());
    assertThat(serve.account).isEqualTo("123456789012");
    assertThat(serve.region).isEqualTo("us-east-1");
    assertThat(serve.port).isEqualTo(8083);
    assertThat(serve.waitTimeScale).isEqualTo(1.0);
    assertThat(serve.mocks.file).isNull();
    assertThat(endpoints(serve, Map.of())).isEmpty();
  }

  @Test
  void environmentVariablesSetTheDefaults() throws Exception {
    Map<String, String> env =
        Map.of(
            "AWS_ACCOUNT_ID", "111122223333",
            "AWS_DEFAULT_REGION", "eu-west-2",
            "WAIT_TIME_SCALE", "0.5",
            "SFN_MOCK_CONFIG", "mocks.json",
            "STEPWISE_DATA_DIR", "some/dir");
    ServeCommand serve = parse(env);
    assertThat(serve.account).isEqualTo("111122223333");
    assertThat(serve.region).isEqualTo("eu-west-2");
    assertThat(serve.waitTimeScale).isEqualTo(0.5);
    assertThat(serve.mocks.file).isEqualTo(Path.of("mocks.json"));
    assertThat(serve.dataDir).isEqualTo(Path.of("some/dir"));
  }

  @Test
  void awsRegionIsReadWhenAwsDefaultRegionIsNot() {
    assertThat(parse(Map.of("AWS_REGION", "sa-east-1")).region).isEqualTo("sa-east-1");
    assertThat(parse(Map.of("AWS_REGION", "sa-east-1", "AWS_DEFAULT_REGION", "eu-west-1")).region)
        .isEqualTo("eu-west-1");
  }

  @Test
  void everySpellingOfEachFlagIsTaken() {
    for (String[] args :
        new String[][] {
          {"--account", "444455556666", "--region", "ap-south-1", "--wait-time-scale", "0"},
          {"--aws-account", "444455556666", "--aws-region", "ap-south-1", "--wait-time-scale", "0"},
          {"-account", "444455556666", "-region", "ap-south-1", "-waitTimeScale", "0"}
        }) {
      ServeCommand serve = parse(Map.of(), args);
      assertThat(serve.account).isEqualTo("444455556666");
      assertThat(serve.region).isEqualTo("ap-south-1");
      assertThat(serve.waitTimeScale).isEqualTo(0.0);
    }
  }

  @Test
  void aFlagWinsOverItsVariable() {
    ServeCommand serve =
        parse(
            Map.of("AWS_ACCOUNT_ID", "111122223333", "WAIT_TIME_SCALE", "2"),
            "-account",
            "444455556666",
            "--wait-time-scale",
            "0");
    assertThat(serve.account).isEqualTo("444455556666");
    assertThat(serve.waitTimeScale).isEqualTo(0.0);
  }

  @Test
  void stepFunctionsLocalEndpointFlagsInBothSpellings() throws Exception {
    String[] services = {
      "lambda", "sqs", "sns", "dynamodb", "batch", "ecs", "glue", "sagemaker", "sfn"
    };
    String[] longNames = {
      "--lambda-endpoint",
      "--sqs-endpoint",
      "--sns-endpoint",
      "--dynamodb-endpoint",
      "--batch-endpoint",
      "--ecs-endpoint",
      "--glue-endpoint",
      "--sagemaker-endpoint",
      "--step-functions-endpoint"
    };
    String[] shortNames = {
      "-lambdaEndpoint",
      "-sqsEndpoint",
      "-snsEndpoint",
      "-dynamoDBEndpoint",
      "-batchEndpoint",
      "-ecsEndpoint",
      "-glueEndpoint",
      "-sageMakerEndpoint",
      "-stepFunctionsEndpoint"
    };
    for (String[] names : new String[][] {longNames, shortNames}) {
      String[] args = new String[names.length * 2];
      Map<String, URI> expected = new TreeMap<>();
      for (int i = 0; i < names.length; i++) {
        args[2 * i] = names[i];
        args[2 * i + 1] = "http://127.0.0.1:" + (9000 + i);
        expected.put(services[i], URI.create("http://127.0.0.1:" + (9000 + i)));
      }
      assertThat(endpoints(parse(Map.of(), args), Map.of())).isEqualTo(expected);
    }
  }

  @Test
  void stepFunctionsLocalEndpointVariables() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LAMBDA_ENDPOINT", "http://localhost:3001");
    env.put("SQS_ENDPOINT", "http://localhost:9324");
    env.put("SNS_ENDPOINT", "http://localhost:9911");
    env.put("DYNAMODB_ENDPOINT", "http://localhost:8000");
    env.put("BATCH_ENDPOINT", "http://localhost:9001");
    env.put("ECS_ENDPOINT", "http://localhost:9002");
    env.put("GLUE_ENDPOINT", "http://localhost:9003");
    env.put("SAGE_MAKER_ENDPOINT", "http://localhost:9004");
    env.put("STEP_FUNCTIONS_ENDPOINT", "http://localhost:8083");
    assertThat(endpoints(parse(env), env))
        .isEqualTo(
            new TreeMap<>(
                Map.of(
                    "lambda", URI.create("http://localhost:3001"),
                    "sqs", URI.create("http://localhost:9324"),
                    "sns", URI.create("http://localhost:9911"),
                    "dynamodb", URI.create("http://localhost:8000"),
                    "batch", URI.create("http://localhost:9001"),
                    "ecs", URI.create("http://localhost:9002"),
                    "glue", URI.create("http://localhost:9003"),
                    "sagemaker", URI.create("http://localhost:9004"),
                    "sfn", URI.create("http://localhost:8083"))));
  }

  @Test
  void theMostSpecificEndpointWins() throws Exception {
    Map<String, String> env =
        Map.of(
            "AWS_ENDPOINT_URL", "http://everything:4566",
            "SQS_ENDPOINT", "http://sfn-local-variable:1",
            "AWS_ENDPOINT_URL_SQS", "http://sdk-variable:2",
            "SNS_ENDPOINT", "http://sfn-local-variable:3");
    ServeCommand serve =
        parse(env, "--sns-endpoint", "http://flag:4", "--endpoint", "dynamodb=http://endpoint:5");
    Map<String, URI> resolved = endpoints(serve, env);
    assertThat(resolved.get("sqs")).isEqualTo(URI.create("http://sdk-variable:2"));
    assertThat(resolved.get("sns")).isEqualTo(URI.create("http://flag:4"));
    assertThat(resolved.get("dynamodb")).isEqualTo(URI.create("http://endpoint:5"));
    assertThat(resolved.get("lambda")).isEqualTo(URI.create("http://everything:4566"));
    assertThat(resolved.get("s3")).isEqualTo(URI.create("http://everything:4566"));
  }

  @Test
  void anyAwsSdkServiceTakesAnEndpoint() throws Exception {
    ServeCommand serve =
        parse(
            Map.of(),
            "--endpoint",
            "secretsmanager=http://127.0.0.1:4000",
            "--endpoint",
            "SSM=https://ssm.local");
    assertThat(new ServiceEndpoints(endpoints(serve, Map.of())))
        .isEqualTo(
            new ServiceEndpoints(
                Map.of(
                    "secretsmanager", URI.create("http://127.0.0.1:4000"),
                    "ssm", URI.create("https://ssm.local"))));
  }

  @Test
  void badValuesStopServeWithTheirSource() {
    assertThat(CliRun.run(Map.of(), "serve", "--sqs-endpoint", "localhost:9324"))
        .isEqualTo(
            new CliRun(
                2,
                "",
                "stepwise serve: --sqs-endpoint localhost:9324: not an http:// or https:// URL with"
                    + " a host\n"));
    assertThat(CliRun.run(Map.of("DYNAMODB_ENDPOINT", "ftp://x"), "serve"))
        .isEqualTo(
            new CliRun(
                2,
                "",
                "stepwise serve: DYNAMODB_ENDPOINT ftp://x: not an http:// or https:// URL with a"
                    + " host\n"));
    assertThat(CliRun.run(Map.of(), "serve", "--endpoint", "Not A Service=http://x:1"))
        .isEqualTo(
            new CliRun(
                2,
                "",
                "stepwise serve: --endpoint Not A Service=http://x:1: not a service name\n"));
    assertThat(CliRun.run(Map.of(), "serve", "--wait-time-scale", "-1"))
        .isEqualTo(
            new CliRun(
                2, "", "stepwise serve: --wait-time-scale takes a number, 0 or more, not -1.0\n"));
    assertThat(CliRun.run(Map.of("WAIT_TIME_SCALE", "slow"), "serve").exit()).isEqualTo(2);
  }

  @Test
  void anUnknownOptionIsNamedWithWhereToLook() {
    assertThat(CliRun.run(Map.of(), "serve", "-javaagent", "x"))
        .isEqualTo(
            new CliRun(
                2,
                "",
                "stepwise serve: Unknown options: '-javaagent', 'x'\n"
                    + "Step Functions Local's options and variables that Stepwise takes are listed"
                    + " in docs/migrating-from-step-functions-local.md.\n"
                    + "Run 'stepwise serve --help' for its options.\n"));
  }
}
