package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stepwise test-state}: exact output and exit codes, no server. */
class TestStateCommandTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static final String MACHINE =
      """
      {"StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [
          {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}], "Default": "Small"},
        "Big": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultSelector": {"v.$": "$.Payload"},
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Small"}], "End": true},
        "Small": {"Type": "Pass", "End": true}}}
      """;

  @Test
  void aStateOfADefinitionIsShownReadably() throws IOException {
    Path f = file("approval.json", MACHINE);
    assertThat(
            run(
                "test-state",
                f.toString(),
                "--state",
                "Check",
                "--input",
                "{\"n\": 2}",
                "--inspection-level",
                "DEBUG"))
        .isEqualTo(
            new Result(
                0,
                """
                status:    SUCCEEDED
                nextState: Big
                output:    {"n": 2}
                inspectionData:
                  input           {"n": 2}
                  afterInputPath  {"n": 2}
                """,
                ""));
  }

  @Test
  void aMockedTaskAsJson() throws IOException {
    Path f = file("approval.json", MACHINE);
    assertThat(
            run(
                "test-state",
                f.toString(),
                "--state",
                "Big",
                "--input",
                "{\"n\": 2}",
                "--mock",
                "{\"result\": {\"Payload\": 7}}",
                "--json"))
        .isEqualTo(new Result(0, "{\"output\":\"{\\\"v\\\":7}\",\"status\":\"SUCCEEDED\"}\n", ""));
    assertThat(
            run(
                "test-state",
                f.toString(),
                "--state",
                "Big",
                "--mock",
                "{\"errorOutput\": {\"error\": \"Boom\", \"cause\": \"no\"}}"))
        .isEqualTo(
            new Result(
                1,
                """
                status:    CAUGHT_ERROR
                nextState: Small
                output:    {"Error":"Boom","Cause":"no"}
                error:     Boom
                cause:     no
                """,
                ""));
  }

  @Test
  void theMockComesFromAStepFunctionsLocalMockFile() throws IOException {
    Path f = file("approval.json", MACHINE);
    Path mocks =
        file(
            "mocks.json",
            """
            {"StateMachines": {"approval": {"TestCases": {"HappyPath": {"Big": "Seven"}}}},
             "MockedResponses": {"Seven": {"0": {"Return": {"Payload": 7}}}}}
            """);
    assertThat(
            run(
                "test-state",
                f.toString(),
                "--state",
                "Big",
                "--mock-config",
                mocks.toString(),
                "--test-case",
                "HappyPath"))
        .isEqualTo(new Result(0, "status:    SUCCEEDED\noutput:    {\"v\":7}\n", ""));
    assertThat(
            run(
                "test-state",
                f.toString(),
                "--state",
                "Big",
                "--mock-config",
                mocks.toString(),
                "--test-case",
                "SadPath"))
        .isEqualTo(
            new Result(
                1,
                "",
                "stepwise test-state: the mock file has no test case 'SadPath' of the state machine"
                    + " 'approval' (name it with --state-machine-name)\n"));
  }

  @Test
  void anHttpTaskIsCalledForRealAndTracedAtTrace() throws Exception {
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hello",
        exchange -> {
          byte[] body = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hello";
      Path f =
          file(
              "http.json",
              "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::http:invoke\","
                  + " \"Parameters\": {\"ApiEndpoint\": \""
                  + url
                  + "\", \"Method\": \"GET\", \"Authentication\": {\"ConnectionArn\":"
                  + " \"arn:aws:events:us-east-1:123456789012:connection/local/1\"}},"
                  + " \"OutputPath\": \"$.ResponseBody\", \"End\": true}");
      Result r = run("test-state", f.toString(), "--inspection-level", "TRACE", "--json");
      assertThat(r.exit()).isZero();
      var response = dev.stepwise.language.json.Json.parseTrusted(r.out());
      assertThat(response.path("output").asText()).isEqualTo("{\"ok\":true}");
      var request = response.path("inspectionData").path("request");
      assertThat(request.path("method").asText()).isEqualTo("GET");
      assertThat(request.path("url").asText()).isEqualTo(url);
      var answer = response.path("inspectionData").path("response");
      assertThat(answer.path("statusCode").asText()).isEqualTo("200");
      assertThat(answer.path("statusMessage").asText()).isEqualTo("OK");
      assertThat(answer.path("body").asText()).isEqualTo("{\"ok\":true}");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void refusalsAreOneLine() throws IOException {
    Path pass = file("pass.json", "{\"Type\": \"Pass\", \"End\": true}");
    assertThat(run("test-state", pass.toString(), "--mock", "{\"result\": \"{}\"}"))
        .isEqualTo(
            new Result(
                1,
                "",
                "stepwise test-state: ValidationException: State type 'Pass' is not supported when"
                    + " a mock is specified\n"));
  }
}
