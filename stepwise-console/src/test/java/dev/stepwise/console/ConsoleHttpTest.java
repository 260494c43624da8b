package dev.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's HTTP side, byte for byte: where a browser's {@code GET /} goes, the headers that
 * keep pages safe, the Host and Origin allow-list against DNS rebinding, what is not served, and
 * its JSON's AWS-shaped errors. And with SigV4 on, that its JSON answers no unsigned request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHttpTest {
  private ConsoleFixture server;
  private ConsoleFixture signed;

  @BeforeAll
  void start() throws IOException {
    server = new ConsoleFixture();
    signed =
        new ConsoleFixture(
            """
            {"AccessKeys": [{"AccessKeyId": "AKIDCONSOLE", "SecretAccessKey": "s3cret",
                             "PrincipalArn": "arn:aws:iam::123456789012:role/Viewer"}],
             "Roles": [{"RoleName": "Viewer", "Arn": "arn:aws:iam::123456789012:role/Viewer",
               "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17",
                 "Statement": [{"Effect": "Allow", "Action": "states:*", "Resource": "*"}]}}]}]}
            """);
  }

  @AfterAll
  void stop() {
    server.close();
    signed.close();
  }

  /** A raw HTTP/1.1 exchange: any Host header, exactly what the server answers. */
  private static String exchange(ConsoleFixture to, String request) throws IOException {
    int port = Integer.parseInt(to.base().substring(to.base().lastIndexOf(':') + 1));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
  }

  private static String get(ConsoleFixture to, String path, String host) throws IOException {
    return exchange(to, "GET " + path + " HTTP/1.1\nHost: " + host + "\nConnection: close\n\n");
  }

  private static String status(String response) {
    return response.substring(0, response.indexOf('\n'));
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\n\n") + 2);
  }

  @Test
  void aBrowsersGetOfTheRootGoesToTheConsole() throws IOException {
    String r = get(server, "/", "127.0.0.1");
    assertThat(status(r)).isEqualTo("HTTP/1.1 302 Temporary Redirect");
    assertThat(r).containsIgnoringCase("\nLocation: /console/\n");
  }

  @Test
  void pagesCarryAStrictContentSecurityPolicy() throws IOException {
    String r = get(server, "/console/", "localhost:8083");
    assertThat(status(r)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r)
        .containsIgnoringCase(
            "\nContent-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none';"
                + " form-action 'none'; frame-ancestors 'none'\n")
        .containsIgnoringCase("\nX-Content-Type-Options: nosniff\n")
        .containsIgnoringCase("\nContent-Type: text/html; charset=utf-8\n");
    // No inline script: every script is a file of the console's own.
    assertThat(body(r)).contains("<script type=\"module\" src=\"app/main.js\"></script>");
    assertThat(body(r).replace("<script type=\"module\" src=\"app/main.js\"></script>", ""))
        .doesNotContain("<script");
    assertThat(get(server, "/console/app/main.js", "[::1]:8083"))
        .containsIgnoringCase("\nContent-Type: text/javascript; charset=utf-8\n");
    assertThat(get(server, "/console/vendor/dagre-3.1.3/dagre.esm.js", "127.0.0.1"))
        .containsIgnoringCase("\nCache-Control: public, max-age=31536000, immutable\n");
  }

  @Test
  void anotherHostNameIsRefusedAgainstDnsRebinding() throws IOException {
    String r = get(server, "/console/api/info", "attacker.example:8083");
    assertThat(status(r)).isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(body(r))
        .isEqualTo(
            "{\"__type\":\"AccessDeniedException\",\"message\":\"Refused: Host"
                + " attacker.example:8083 is not allowed (serve --console-host NAME allows a host"
                + " name)\"}");
    assertThat(status(get(server, "/console/api/info", "app.localhost"))).endsWith("200 OK");
  }

  @Test
  void aRequestFromAnotherSitesPageIsRefusedEvenByTheApi() throws IOException {
    String body = "{}";
    String r =
        exchange(
            server,
            "POST / HTTP/1.1\nHost: 127.0.0.1\nOrigin: http://attacker.example:8083\n"
                + "X-Amz-Target: AWSStepFunctions.ListStateMachines\n"
                + "Content-Type: application/x-amz-json-1.0\nContent-Length: "
                + body.length()
                + "\nConnection: close\n\n"
                + body);
    assertThat(status(r)).isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(body(r))
        .isEqualTo(
            "{\"__type\":\"AccessDeniedException\",\"message\":\"Refused: Origin"
                + " http://attacker.example:8083 is not allowed (serve --console-host NAME allows"
                + " a host name)\"}");
    // The console's own origin, and SDKs (no Origin at all), pass.
    assertThat(
            status(
                exchange(
                    server,
                    "POST / HTTP/1.1\nHost: 127.0.0.1\nOrigin: http://127.0.0.1:8083\n"
                        + "X-Amz-Target: AWSStepFunctions.ListStateMachines\n"
                        + "Content-Type: application/x-amz-json-1.0\nContent-Length: 2\n"
                        + "Connection: close\n\n{}")))
        .endsWith("200 OK");
  }

  @Test
  void onlyTheConsolesOwnFilesAreServed() throws IOException {
    assertThat(status(get(server, "/console/../pom.xml", "127.0.0.1"))).endsWith("404 Not Found");
    assertThat(status(get(server, "/console/dev/stepwise/console/Console.class", "127.0.0.1")))
        .endsWith("404 Not Found");
    assertThat(status(get(server, "/console/nothing.js", "127.0.0.1"))).endsWith("404 Not Found");
  }

  @Test
  void theConsolesJsonAnswersMistakesAwsShaped() throws IOException {
    String r = get(server, "/console/api/visits", "127.0.0.1");
    assertThat(status(r)).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(body(r))
        .isEqualTo(
            "{\"__type\":\"ValidationException\",\"message\":\"Missing required parameter"
                + " executionArn\"}");
    r =
        get(
            server,
            "/console/api/visits?executionArn=arn:aws:states:us-east-1:123456789012:execution:no:such",
            "127.0.0.1");
    assertThat(body(r))
        .isEqualTo(
            "{\"__type\":\"ExecutionDoesNotExist\",\"message\":\"Execution Does Not Exist:"
                + " 'arn:aws:states:us-east-1:123456789012:execution:no:such'\"}");
    assertThat(body(get(server, "/console/api/info", "127.0.0.1")))
        .isEqualTo("{\"region\":\"us-east-1\",\"account\":\"123456789012\",\"auth\":\"none\"}");
  }

  @Test
  void withSigV4TheConsolesJsonAnswersNoUnsignedRequest() throws IOException {
    String r =
        get(
            signed,
            "/console/api/graph?arn=arn:aws:states:us-east-1:123456789012:stateMachine:x",
            "127.0.0.1");
    assertThat(status(r)).isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(body(r))
        .isEqualTo(
            "{\"__type\":\"MissingAuthenticationTokenException\","
                + "\"message\":\"Missing Authentication Token\"}");
    // What the sign-in page needs to sign requests is public: no secret in it.
    assertThat(body(get(signed, "/console/api/info", "127.0.0.1")))
        .isEqualTo("{\"region\":\"us-east-1\",\"account\":\"123456789012\",\"auth\":\"sigv4\"}");
  }
}
