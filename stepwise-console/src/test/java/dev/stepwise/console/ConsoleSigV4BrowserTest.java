package dev.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.parse.MachineType;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code --auth sigv4}: the console is no back door. Nothing shows before a key is entered; the
 * browser signs every call with it (WebCrypto), and the server's IAM check decides, exactly as for
 * an SDK: a key whose role may only list state machines sees the list but is refused the rest.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSigV4BrowserTest {
  private static final String SECURITY =
      """
      {"AccessKeys": [
         {"AccessKeyId": "AKIDOPERATOR", "SecretAccessKey": "operator/Secret+Key",
          "PrincipalArn": "arn:aws:iam::123456789012:role/Operator"},
         {"AccessKeyId": "AKIDLISTER", "SecretAccessKey": "lister-secret",
          "PrincipalArn": "arn:aws:iam::123456789012:role/Lister"}],
       "Roles": [
         {"RoleName": "Operator", "Arn": "arn:aws:iam::123456789012:role/Operator",
          "Policies": [{"PolicyName": "all", "PolicyDocument": {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "states:*", "Resource": "*"}]}}]},
         {"RoleName": "Lister", "Arn": "arn:aws:iam::123456789012:role/Lister",
          "Policies": [{"PolicyName": "list", "PolicyDocument": {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "states:ListStateMachines", "Resource": "*"}]}}]}]}
      """;

  private ConsoleFixture server;
  private ChromiumBrowser browser;
  private String machine;

  @BeforeAll
  void start() throws Exception {
    browser = ChromiumBrowser.start();
    server = new ConsoleFixture(SECURITY);
    machine =
        server
            .service
            .createStateMachine(
                "guarded", ConsoleBrowserTest.CHILD, ConsoleFixture.ROLE, MachineType.EXPRESS)
            .arn();
  }

  @AfterEach
  void noConsoleErrors() {
    browser.assertNoConsoleErrors();
  }

  @AfterAll
  void stop() throws IOException {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void signIn(String keyId, String secret) {
    browser.open(server.base() + "/console/");
    assertThat(browser.all("form[data-sign-in]")).hasSize(1);
    assertThat(browser.all("tr[data-machine]")).isEmpty();
    browser.one("input[name=accessKeyId]").sendKeys(keyId);
    browser.one("input[name=secretAccessKey]").sendKeys(secret);
    browser.click("form[data-sign-in] button[type=submit]");
    browser.awaitReady();
  }

  @Test
  void signedCallsShowWhatTheKeysRoleAllows() throws IOException {
    signIn("AKIDOPERATOR", "operator/Secret+Key");
    assertThat(browser.all("tr[data-machine]")).hasSize(1);
    browser.screenshot("sign-in-signed");
    browser.open(server.consoleUrl(ConsoleFixture.machineRoute(machine)));
    browser.waitUntil("graph", () -> !browser.all("svg[data-graph] .state").isEmpty());
    assertThat(browser.all("svg[data-graph] .state")).hasSize(2);
    browser.click("button[data-sign-out]");
    browser.awaitReady();
    assertThat(browser.all("form[data-sign-in]")).hasSize(1);
  }

  @Test
  void aKeyWithoutPermissionIsRefusedByIam() {
    signIn("AKIDLISTER", "lister-secret");
    assertThat(browser.all("tr[data-machine]")).hasSize(1);
    browser.open(server.consoleUrl(ConsoleFixture.machineRoute(machine)));
    browser.waitUntil("refused", () -> browser.attr("#banner", "data-error") != null);
    assertThat(browser.attr("#banner", "data-error")).isEqualTo("AccessDeniedException");
    assertThat(browser.one("#banner").getText())
        .contains("arn:aws:iam::123456789012:role/Lister")
        .contains("states:DescribeStateMachine");
    browser.forgetConsoleErrors(); // the refused request is logged by the browser, on purpose
    browser.click("button[data-sign-out]");
    browser.awaitReady();
  }
}
