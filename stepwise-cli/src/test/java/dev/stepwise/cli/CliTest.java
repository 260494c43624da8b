package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands run in process with captured streams: exact output and exit codes. */
class CliTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void validDefinitionsPrintValid() throws IOException {
    Path f =
        file("ok.json", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
    assertThat(CliRun.run("validate", f.toString())).isEqualTo(new CliRun(0, "valid\n", ""));
  }

  @Test
  void everyDiagnosticIsPrintedOneALine() throws IOException {
    Path f =
        file(
            "bad.json",
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"C\":{\"Type\":\"Pass\",\"End\":true}}}");
    assertThat(CliRun.run("validate", f.toString()))
        .isEqualTo(
            new CliRun(
                1,
                "ERROR MISSING_TRANSITION_TARGET /States/A/Next: Missing 'Next' target: B\n"
                    + "ERROR MISSING_TRANSITION_TARGET /States/C: State \"C\" is not reachable.\n",
                ""));
  }

  @Test
  void expressRestrictionsApplyWithTheType() throws IOException {
    Path f =
        file(
            "sync.json",
            "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::states:startExecution.sync\",\"End\":true}}}");
    assertThat(CliRun.run("validate", f.toString(), "--type", "EXPRESS").out())
        .isEqualTo(
            "ERROR SCHEMA_VALIDATION_FAILED /States/T/Resource: Express state machine does not"
                + " support '.sync' service integration\n");
  }

  @Test
  void unusableFilesGetOneClearLine() throws IOException {
    assertThat(CliRun.run("validate", dir.toString()))
        .isEqualTo(
            new CliRun(
                1, "", "stepwise validate: " + dir + ": is a directory, not a definition file\n"));
    Path missing = dir.resolve("missing.json");
    assertThat(CliRun.run("validate", missing.toString()))
        .isEqualTo(new CliRun(1, "", "stepwise validate: " + missing + ": no such file\n"));
    Path empty = file("empty.json", "");
    assertThat(CliRun.run("validate", empty.toString()))
        .isEqualTo(new CliRun(1, "", "stepwise validate: " + empty + ": the file is empty\n"));
    Path binary = Files.write(dir.resolve("junk.bin"), new byte[] {(byte) 0xC3, (byte) 0x28, 0, 1});
    assertThat(CliRun.run("validate", binary.toString()))
        .isEqualTo(new CliRun(1, "", "stepwise validate: " + binary + ": not UTF-8 text\n"));
    Path huge = dir.resolve("huge.json");
    try (RandomAccessFile raf = new RandomAccessFile(huge.toFile(), "rw")) {
      raf.setLength(50L * 1024 * 1024);
    }
    assertThat(CliRun.run("validate", huge.toString()))
        .isEqualTo(
            new CliRun(
                1,
                "",
                "stepwise validate: "
                    + huge
                    + ": larger than the 1048576-character limit for a definition\n"));
    Path malformed = file("mal.json", "{\"StartAt\": ");
    CliRun r = CliRun.run("validate", malformed.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("ERROR INVALID_JSON_DESCRIPTION [Source: (String)");
  }

  @Test
  void runPrintsTheOutputOrTheFailure() throws IOException {
    Path ok =
        file(
            "ok.json",
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Parameters\":{\"v.$\":\"States.MathAdd($.x, 1)\"},\"Next\":\"W\"},\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}");
    assertThat(CliRun.run("run", ok.toString(), "--input", "{\"x\": 41}", "--fast-time"))
        .isEqualTo(new CliRun(0, "{\"v\":42}\n", ""));
    Path input = file("in.json", "{\"x\": 1}");
    assertThat(CliRun.run("run", ok.toString(), "--input", "@" + input, "--fast-time").out())
        .isEqualTo("{\"v\":2}\n");
    Path fail =
        file(
            "fail.json",
            "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"E\",\"Cause\":\"C\"}}}");
    assertThat(CliRun.run("run", fail.toString()))
        .isEqualTo(new CliRun(1, "{\"status\":\"FAILED\",\"error\":\"E\",\"cause\":\"C\"}\n", ""));
    assertThat(CliRun.run("run", ok.toString(), "--input", "not json"))
        .isEqualTo(
            new CliRun(
                1,
                "",
                "stepwise run: the input is not JSON: Unrecognized token 'not': was expecting"
                    + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n"));
  }

  @Test
  void runStartsNestedStateMachines() throws IOException {
    Path child =
        file(
            "child.json",
            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"Arg1\":\"argument1\"},\"End\":true}}}");
    Path parent =
        file(
            "parent.json",
            """
            {"StartAt": "Start", "States": {"Start": {"Type": "Task",
              "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child",
                             "Input": {"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"},
                             "Name": "kid"},
              "OutputPath": "$.Output", "End": true}}}
            """);
    assertThat(CliRun.run("run", parent.toString(), "--state-machine", "child=" + child))
        .isEqualTo(new CliRun(0, "{\"Arg1\":\"argument1\"}\n", ""));
  }

  @Test
  void theNestedExampleRuns() {
    String dir = "../examples/nested/";
    String[] machines = {
      "--state-machine", "report=" + dir + "report.asl.json",
      "--state-machine", "approval=" + dir + "approval.asl.json"
    };
    assertThat(
            CliRun.run(
                concat(
                    new String[] {
                      "run", dir + "parent.asl.json", "--input", "{\"orders\": [1, 2]}"
                    },
                    machines)))
        .isEqualTo(
            new CliRun(
                0,
                "{\"orders\":[1,2],\"report\":{\"count\":2},\"approval\":{\"approved\":true}}\n",
                ""));
    assertThat(
            CliRun.run(
                concat(
                    new String[] {
                      "run", dir + "parent.asl.json", "--input", "{\"orders\": [1, 2, 3, 4]}"
                    },
                    machines)))
        .isEqualTo(
            new CliRun(
                1,
                "{\"status\":\"FAILED\",\"error\":\"TooManyOrders\",\"cause\":\"More than 3 orders need a person\"}\n",
                ""));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void runAnswersTasksFromAMockFile() throws IOException {
    Path def =
        file(
            "lam.asl.json",
            """
            {"StartAt": "Call", "States": {"Call": {"Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
              "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"]}],
              "OutputPath": "$.Payload", "End": true}}}
            """);
    Path mocks =
        file(
            "mocks.json",
            """
            {"StateMachines": {"lam": {"TestCases": {"Throttled": {"Call": "ThrottleThenOk"}}}},
             "MockedResponses": {"ThrottleThenOk": {
               "0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
               "1": {"Return": {"StatusCode": 200, "Payload": {"hello": "second try"}}}}}}
            """);
    assertThat(
            CliRun.run(
                "run",
                def.toString(),
                "--mock-config",
                mocks.toString(),
                "--test-case",
                "Throttled",
                "--fast-time"))
        .isEqualTo(new CliRun(0, "{\"hello\":\"second try\"}\n", ""));
    CliRun unmocked = CliRun.run("run", def.toString(), "--fast-time");
    assertThat(unmocked.exit()).isEqualTo(1);
    assertThat(unmocked.out())
        .startsWith("{\"status\":\"FAILED\",\"error\":\"Stepwise.IntegrationNotConfigured\"");
    assertThat(CliRun.run("mocks", def.toString()).out())
        .isEqualTo(
            Json.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(
                        Json.parseTrusted(
                            "{\"StateMachines\":{\"lam\":{\"TestCases\":{\"HappyPath\":{\"Call\":\"CallMock\"}}}},"
                                + "\"MockedResponses\":{\"CallMock\":{\"0\":{\"Return\":{\"ExecutedVersion\":\"$LATEST\","
                                + "\"Payload\":{},\"StatusCode\":200}}}}}"))
                + "\n");
  }

  @Test
  void versionAndHelp() {
    assertThat(CliRun.run("--version").out()).startsWith("stepwise ");
    assertThat(CliRun.run("--help").out()).contains("serve", "run", "validate");
  }

  /** The Developer Guide's "Synchronous" template for StartExecution, placeholders filled. */
  private static final String GUIDE_SYNCHRONOUS =
      """
      {
          "Version": "2012-10-17",
          "Statement": [
              {
                  "Effect": "Allow",
                  "Action": [
                      "states:StartExecution"
                  ],
                  "Resource": [
                      "arn:aws:states:eu-west-1:111122223333:stateMachine:Child"
                  ]
              },
              {
                  "Effect": "Allow",
                  "Action": [
                      "states:DescribeExecution",
                      "states:StopExecution"
                  ],
                  "Resource": [
                      "arn:aws:states:eu-west-1:111122223333:execution:Child:*"
                  ]
              },
              {
                  "Effect": "Allow",
                  "Action": [
                      "events:PutTargets",
                      "events:PutRule",
                      "events:DescribeRule"
                  ],
                  "Resource": [
                     "arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"
                  ]
              }
          ]
      }""";

  @Test
  void policyPrintsWhatTheRoleNeeds() throws Exception {
    Path sync =
        file(
            "sync.json",
            """
            {"StartAt":"S","States":{"S":{"Type":"Task",
             "Resource":"arn:aws:states:::states:startExecution.sync",
             "Parameters":{"StateMachineArn":"arn:aws:states:eu-west-1:111122223333:stateMachine:Child"},
             "End":true}}}""");
    CliRun r =
        CliRun.run("policy", sync.toString(), "--region", "eu-west-1", "--account", "111122223333");
    assertThat(r.exit()).isZero();
    assertThat(Json.parse(r.out())).isEqualTo(Json.parse(GUIDE_SYNCHRONOUS));

    Path sqs =
        file(
            "sqs.json",
            """
            {"StartAt":"S","States":{"S":{"Type":"Task",
             "Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}""");
    assertThat(CliRun.run("policy", sqs.toString()))
        .isEqualTo(
            new CliRun(
                1,
                "",
                "stepwise policy: not covered, add its permissions by hand: S:"
                    + " arn:aws:states:::sqs:sendMessage\n"
                    + "stepwise policy: No template covers any Task of this definition; write its"
                    + " policy by hand: S: arn:aws:states:::sqs:sendMessage\n"));
  }

  @Test
  void rolesAreAddedListedAndRemovedInTheSecurityFile() throws Exception {
    Path config = file("security.json", "{\"AccessKeys\": []}");
    Path policy =
        file(
            "StartChild.json",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Action":"states:StartExecution","Resource":"*"}]}""");
    assertThat(
            CliRun.run(
                "roles",
                "add",
                "Runner",
                "--policy",
                policy.toString(),
                "--security",
                config.toString()))
        .isEqualTo(new CliRun(0, "arn:aws:iam::123456789012:role/Runner\n", ""));
    assertThat(CliRun.run("roles", "list", "--security", config.toString()))
        .isEqualTo(
            new CliRun(0, "Runner\tarn:aws:iam::123456789012:role/Runner\tStartChild\n", ""));
    assertThat(Json.parse(Files.readString(config)).has("AccessKeys")).isTrue();
    assertThat(
            CliRun.run(
                "roles",
                "add",
                "Runner",
                "--policy",
                policy.toString(),
                "--security",
                config.toString()))
        .isEqualTo(new CliRun(1, "", "stepwise roles add: a role named Runner exists already\n"));
    assertThat(CliRun.run("roles", "remove", "Runner", "--security", config.toString()))
        .isEqualTo(new CliRun(0, "", ""));
    assertThat(CliRun.run("roles", "list", "--security", config.toString()))
        .isEqualTo(new CliRun(0, "", ""));
  }
}
