package dev.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless Chromium against a whole server: the DOM says what a person sees
 * (a node per state with its status, branches inside their containers, no overlapping nodes, Choice
 * rules in order, the child link and the Started-by link back, Stop aborting, one table row per
 * state visit, one event row per history event), and no test may leave an error in the browser's
 * console. Never pixels: the screenshots are for docs/console.md.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
  /** Every state type; a Parallel of two branches; a Map in a Map; Retry; Catch; no Default. */
  static final String EVERYTHING =
      """
      {"Comment": "Every state type", "StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Choices": [
            {"Variable": "$.mode", "StringEquals": "fail", "Next": "Explode"},
            {"Variable": "$.mode", "StringEquals": "quick", "Next": "Done"},
            {"Variable": "$.mode", "IsPresent": true, "Next": "Fan"}]},
        "Fan": {"Type": "Parallel", "ResultPath": null, "Next": "Call", "Branches": [
            {"StartAt": "Hold", "States": {
              "Hold": {"Type": "Wait", "Seconds": 1, "Next": "Note"},
              "Note": {"Type": "Pass", "End": true}}},
            {"StartAt": "Outer", "States": {
              "Outer": {"Type": "Map", "ItemsPath": "$.rows", "End": true, "ItemProcessor": {
                "StartAt": "Inner", "States": {
                  "Inner": {"Type": "Map", "ItemsPath": "$", "End": true, "ItemProcessor": {
                    "StartAt": "Cell", "States": {"Cell": {"Type": "Pass", "End": true}}}}}}}}}]},
        "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:report",
          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1, "IntervalSeconds": 2}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
          "Next": "Done"},
        "Recover": {"Type": "Pass", "Next": "Done"},
        "Explode": {"Type": "Fail", "Error": "Exploded", "Cause": "asked to fail"},
        "Done": {"Type": "Succeed"}}}
      """;

  static final String CHILD =
      """
      {"StartAt": "Greet", "States": {
        "Greet": {"Type": "Pass", "Parameters": {"greeting": "hello"}, "Next": "Finish"},
        "Finish": {"Type": "Succeed"}}}
      """;

  static final String PARENT =
      """
      {"StartAt": "RunChild", "States": {
        "RunChild": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
          "Parameters": {"StateMachineArn": "%s", "Input": {
            "n": 1, "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}},
          "End": true}}}
      """;

  static final String WAITING =
      """
      {"StartAt": "Sleep", "States": {"Sleep": {"Type": "Wait", "Seconds": 3600, "End": true}}}
      """;

  private ConsoleFixture server;
  private ChromiumBrowser browser;
  private String everything;
  private String waiting;
  private String full;
  private String failed;
  private String parentRun;
  private String childRun;

  @BeforeAll
  void start() throws IOException {
    browser = ChromiumBrowser.start();
    server = new ConsoleFixture();
    everything = server.create("orders", EVERYTHING);
    String child = server.create("greeter", CHILD);
    String parent = server.create("dispatcher", PARENT.formatted(child));
    waiting = server.create("sleeper", WAITING);
    full = server.start(everything, "full", "{\"mode\": \"full\", \"rows\": [[1, 2], [3]]}");
    server.runToEnd(full);
    failed = server.start(everything, "boom", "{\"mode\": \"fail\"}");
    server.runToEnd(failed);
    server.runToEnd(server.start(everything, "quick", "{\"mode\": \"quick\"}"));
    parentRun = server.start(parent, "parent-1", "{}");
    server.runToEnd(parentRun);
    childRun =
        server
            .call("ListExecutions", "{\"stateMachineArn\":\"" + child + "\"}")
            .path("executions")
            .path(0)
            .path("executionArn")
            .asText();
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

  @Test
  void theStateMachineListFiltersByName() throws IOException {
    browser.open(server.base() + "/");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/console/");
    assertThat(names(browser.all("tr[data-machine]")))
        .containsExactlyInAnyOrder("orders", "greeter", "dispatcher", "sleeper");
    browser.waitUntil(
        "last statuses", () -> !browser.all("tr[data-machine=orders] .badge-status").isEmpty());
    assertThat(browser.one("tr[data-machine=orders] .badge-status").getText())
        .isEqualTo("Succeeded");
    browser.screenshot("state-machines");
    browser.one("input[data-filter]").sendKeys("EE");
    assertThat(names(browser.all("tr[data-machine]")))
        .containsExactlyInAnyOrder("greeter", "sleeper");
  }

  @Test
  void theDefinitionGraphDrawsEveryStateInItsContainer() throws IOException {
    browser.open(server.consoleUrl(ConsoleFixture.machineRoute(everything)));
    browser.click("button[data-tab=definition]");
    browser.waitUntil("graph drawn", () -> !browser.all("svg[data-graph]").isEmpty());
    List<WebElement> states = browser.all("svg[data-graph] .state");
    assertThat(states.stream().map(e -> e.getAttribute("data-state")))
        .containsExactlyInAnyOrder(
            "Route", "Fan", "Hold", "Note", "Outer", "Inner", "Cell", "Call", "Recover", "Explode",
            "Done");
    assertThat(states.stream().map(e -> e.getAttribute("data-type")).distinct())
        .containsExactlyInAnyOrder(
            "Choice", "Parallel", "Wait", "Pass", "Map", "Task", "Fail", "Succeed");
    // Each branch's states inside their container; the Map in a Map nested twice.
    assertInside("Hold", "Fan");
    assertInside("Note", "Fan");
    assertInside("Outer", "Fan");
    assertInside("Inner", "Outer");
    assertInside("Cell", "Inner");
    assertThat(browser.all("[data-container=Fan] > .branch")).hasSize(2);
    assertNoOverlaps(browser.all("svg[data-graph] .state.node"));
    // Choice rules in rule order with their conditions; no Default edge (there is none).
    List<WebElement> rules = browser.all("g.edge[data-from=Route]");
    assertThat(rules.stream().map(e -> e.getAttribute("data-order")))
        .containsExactly("1", "2", "3");
    assertThat(rules.stream().map(e -> e.getText()))
        .containsExactly("$.mode == \"fail\"", "$.mode == \"quick\"", "$.mode is present");
    assertThat(browser.all("g.edge[data-kind=default]")).isEmpty();
    WebElement catchEdge = browser.one("g.edge[data-kind=catch]");
    assertThat(catchEdge.getAttribute("data-from")).isEqualTo("Call");
    assertThat(catchEdge.getAttribute("data-to")).isEqualTo("Recover");
    assertThat(catchEdge.getText()).isEqualTo("States.ALL");
    assertThat(browser.attr("[data-state=Recover]", "data-only-by-catch")).isEqualTo("true");
    assertThat(browser.attr("[data-state=Recover]", "data-reachable")).isEqualTo("true");
    assertThat(browser.one("pre[data-definition]").getText()).contains("\"Every state type\"");
    browser.screenshot("definition");
  }

  @Test
  void anExecutionColoursEveryStateAndListsEveryVisitAndEvent() throws IOException {
    browser.open(server.consoleUrl(ConsoleFixture.executionRoute(full)));
    assertThat(browser.attr("[data-execution-status]", "data-execution-status"))
        .isEqualTo("SUCCEEDED");
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("Route", "SUCCEEDED"),
            Map.entry("Fan", "SUCCEEDED"),
            Map.entry("Hold", "SUCCEEDED"),
            Map.entry("Note", "SUCCEEDED"),
            Map.entry("Outer", "SUCCEEDED"),
            Map.entry("Inner", "SUCCEEDED"),
            Map.entry("Cell", "SUCCEEDED"),
            Map.entry("Call", "CAUGHT_ERROR"),
            Map.entry("Recover", "SUCCEEDED"),
            Map.entry("Done", "SUCCEEDED"),
            Map.entry("Explode", "NOT_STARTED"));
    for (var e : expected.entrySet()) {
      assertThat(browser.attr("svg [data-state=" + e.getKey() + "]", "data-status"))
          .as(e.getKey())
          .isEqualTo(e.getValue());
    }
    assertThat(browser.one("[data-state=Call] > text.sub").getText())
        .isEqualTo("Task · Caught error");
    assertThat(browser.all("[data-legend] li").stream().map(WebElement::getText))
        .containsExactly(
            "Not started", "In progress", "Succeeded", "Failed", "Caught error", "Aborted");
    browser.screenshot("execution-graph");

    JsonNode history = server.history(full);
    int entered = 0;
    for (JsonNode e : history) {
      if (e.path("type").asText().endsWith("StateEntered")) {
        entered++;
      }
    }
    browser.click("button[data-tab=table]");
    assertThat(browser.all("tr[data-visit]")).hasSize(entered);
    assertThat(browser.attr("[data-visit-count]", "data-visit-count"))
        .isEqualTo(String.valueOf(entered));
    assertThat(browser.one("tr[data-visit][data-state=Route] td").getText()).isEqualTo("Route");
    assertThat(browser.one("tr[data-visit][data-state=Hold] td").getText())
        .isEqualTo("Hold (branch 1)");
    assertThat(browser.all("tr[data-visit][data-state=Cell]")).hasSize(3);
    assertThat(browser.all("tr[data-iteration-row][data-map=Outer]")).hasSize(2);
    assertThat(browser.one("tr[data-visit][data-state=Call]").getText()).contains("2 attempts");
    browser.click("tr[data-visit][data-state=Call]");
    browser.waitUntil(
        "the side panel shows Call",
        () -> !browser.all("aside[data-selected=Call] [data-attempts]").isEmpty());
    assertThat(browser.attr("aside [data-attempts]", "data-attempts")).isEqualTo("2");
    assertThat(browser.attr("aside [data-state-error]", "data-state-error"))
        .isEqualTo("Stepwise.IntegrationNotConfigured");
    browser.screenshot("execution-table");

    browser.click("button[data-tab=events]");
    browser.waitUntil("events listed", () -> !browser.all("tr[data-event-id]").isEmpty());
    assertThat(browser.all("tr[data-event-id]")).hasSize(history.size());
    assertThat(browser.attr("[data-event-count]", "data-event-count"))
        .isEqualTo(String.valueOf(history.size()));
    assertThat(browser.one("tr[data-event-id='1']").getText()).contains("ExecutionStarted");
    browser.screenshot("execution-events");
    // Filtered by state: only the events its visits wrote.
    new org.openqa.selenium.support.ui.Select(browser.one("select[data-event-state]"))
        .selectByValue("Call");
    browser.waitUntil(
        "Call's events",
        () ->
            browser.all("tr[data-event-id]").stream()
                .allMatch(r -> !r.getText().contains("ExecutionStarted")));
    assertThat(
            browser.all("tr[data-event-id]").stream().map(r -> r.getAttribute("data-event-type")))
        .containsExactly(
            "TaskStateEntered",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionFailed",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionFailed",
            "TaskStateExited");
  }

  @Test
  void aFailedExecutionShowsItsErrorAndFailedState() {
    browser.open(server.consoleUrl(ConsoleFixture.executionRoute(failed)));
    assertThat(browser.attr("[data-execution-status]", "data-execution-status"))
        .isEqualTo("FAILED");
    assertThat(browser.attr("[data-execution-error]", "data-execution-error"))
        .isEqualTo("Exploded");
    assertThat(browser.one("[data-execution-error]").getText()).contains("asked to fail");
    assertThat(browser.attr("svg [data-state=Explode]", "data-status")).isEqualTo("FAILED");
    assertThat(browser.attr("svg [data-state=Fan]", "data-status")).isEqualTo("NOT_STARTED");
  }

  @Test
  void aParentLinksItsChildAndTheChildLinksBack() throws IOException {
    browser.open(server.consoleUrl(ConsoleFixture.executionRoute(parentRun)));
    browser.waitUntil(
        "the child's status on the task",
        () -> "SUCCEEDED".equals(browser.attr("a[data-child-link]", "data-child-status")));
    assertThat(browser.attr("[data-state=RunChild]", "data-nested"))
        .isEqualTo("startExecution.sync:2");
    assertThat(browser.attr("a[data-child-link]", "data-child-link")).isEqualTo(childRun);
    assertThat(browser.one("a[data-child-link]").getDomAttribute("href"))
        .endsWith("#/" + ConsoleFixture.executionRoute(childRun).replace("+", "%20"));
    assertThat(browser.all("[data-children] a[data-child-execution]")).hasSize(1);
    browser.screenshot("execution-parent");

    browser.click("[data-children] a[data-child-execution]");
    browser.awaitReady();
    browser.waitUntil("started by", () -> !browser.all("a[data-started-by]").isEmpty());
    assertThat(browser.attr("a[data-started-by]", "data-started-by")).isEqualTo(parentRun);
    assertThat(browser.attr("nav[data-breadcrumb]", "data-breadcrumb")).isEqualTo("parent-1");
    assertThat(browser.one("nav[data-breadcrumb]").getText())
        .isEqualTo("parent-1 / " + childRun.substring(childRun.lastIndexOf(':') + 1));
    browser.screenshot("execution-child");
    browser.click("a[data-started-by]");
    browser.awaitReady();
    browser.waitUntil(
        "back on the parent",
        () -> browser.driver.getCurrentUrl().endsWith(ConsoleFixture.executionRoute(parentRun)));
  }

  @Test
  void stopTurnsARunningExecutionAborted() {
    String run = server.start(waiting, "long-nap", "{}");
    browser.open(server.consoleUrl(ConsoleFixture.executionRoute(run)));
    assertThat(browser.attr("[data-execution-status]", "data-execution-status"))
        .isEqualTo("RUNNING");
    assertThat(browser.attr("svg [data-state=Sleep]", "data-status")).isEqualTo("IN_PROGRESS");
    browser.click("button[data-stop]");
    browser.one("dialog[data-stop-dialog] input[name=error]").sendKeys("Operator.Stop");
    browser.click("button[data-stop-confirm]");
    browser.waitUntil(
        "ABORTED",
        () -> "ABORTED".equals(browser.attr("[data-execution-status]", "data-execution-status")));
    browser.waitUntil(
        "the Wait aborted",
        () -> "ABORTED".equals(browser.attr("svg [data-state=Sleep]", "data-status")));
    assertThat(server.status(run)).isEqualTo("ABORTED");
    assertThat(browser.all("button[data-stop]")).isEmpty();
  }

  @Test
  void startChecksTheInputAsItIsTypedThenOpensTheNewExecution() {
    browser.open(server.consoleUrl(ConsoleFixture.machineRoute(everything)));
    browser.click("button[data-start-execution]");
    WebElement input = browser.one("dialog[data-start-dialog] textarea[name=input]");
    input.clear();
    input.sendKeys("{\"mode\": ");
    assertThat(browser.one("[data-input-problem]").getText()).startsWith("Not JSON: ");
    assertThat(browser.one("button[data-start-submit]").isEnabled()).isFalse();
    input.sendKeys("\"quick\"}");
    assertThat(browser.one("[data-input-problem]").getText()).isEmpty();
    browser.one("dialog[data-start-dialog] input[name=name]").sendKeys("from-the-console");
    browser.click("button[data-start-submit]");
    browser.waitUntil(
        "the new execution's page",
        () -> browser.driver.getCurrentUrl().endsWith("%3Afrom-the-console"));
    browser.awaitReady();
    browser.waitUntil(
        "it succeeded",
        () -> "SUCCEEDED".equals(browser.attr("[data-execution-status]", "data-execution-status")));
  }

  @Test
  void theExecutionsListFiltersByStatusAndShowsWhoStartedEach() throws IOException {
    browser.open(server.consoleUrl(ConsoleFixture.machineRoute(everything)));
    browser.waitUntil("executions", () -> !browser.all("tr[data-execution]").isEmpty());
    assertThat(names(browser.all("tr[data-execution]"), "data-execution"))
        .contains("full", "boom", "quick");
    browser.screenshot("state-machine");
    browser.click("button[data-chip=FAILED]");
    browser.waitUntil(
        "only failed",
        () -> names(browser.all("tr[data-execution]"), "data-execution").equals(List.of("boom")));
    browser.open(
        server.consoleUrl(
            ConsoleFixture.machineRoute(
                childRun.replace(":execution:", ":stateMachine:").replaceAll(":[^:]+$", ""))));
    browser.waitUntil("children's parent", () -> !browser.all("td[data-started-by] a").isEmpty());
    assertThat(browser.attr("td[data-started-by]", "data-started-by")).isEqualTo(parentRun);
  }

  private void assertInside(String state, String container) {
    Map<String, Number> inner = browser.box(browser.one("svg [data-state=" + state + "] > rect"));
    Map<String, Number> outer =
        browser.box(browser.one("svg [data-state=" + container + "] > rect"));
    assertThat(inner.get("x").doubleValue())
        .as(state + " left")
        .isGreaterThan(outer.get("x").doubleValue());
    assertThat(inner.get("y").doubleValue())
        .as(state + " top")
        .isGreaterThan(outer.get("y").doubleValue());
    assertThat(inner.get("x").doubleValue() + inner.get("width").doubleValue())
        .as(state + " right")
        .isLessThan(outer.get("x").doubleValue() + outer.get("width").doubleValue());
    assertThat(inner.get("y").doubleValue() + inner.get("height").doubleValue())
        .as(state + " bottom")
        .isLessThan(outer.get("y").doubleValue() + outer.get("height").doubleValue());
  }

  private void assertNoOverlaps(List<WebElement> nodes) {
    List<Map<String, Number>> boxes = new ArrayList<>();
    for (WebElement n : nodes) {
      boxes.add(browser.box(n.findElement(org.openqa.selenium.By.cssSelector(":scope > rect"))));
    }
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        Map<String, Number> a = boxes.get(i);
        Map<String, Number> b = boxes.get(j);
        boolean apart =
            a.get("x").doubleValue() + a.get("width").doubleValue() <= b.get("x").doubleValue()
                || b.get("x").doubleValue() + b.get("width").doubleValue()
                    <= a.get("x").doubleValue()
                || a.get("y").doubleValue() + a.get("height").doubleValue()
                    <= b.get("y").doubleValue()
                || b.get("y").doubleValue() + b.get("height").doubleValue()
                    <= a.get("y").doubleValue();
        assertThat(apart)
            .as(
                nodes.get(i).getAttribute("data-state")
                    + " and "
                    + nodes.get(j).getAttribute("data-state")
                    + " overlap")
            .isTrue();
      }
    }
  }

  private static List<String> names(List<WebElement> rows) {
    return names(rows, "data-machine");
  }

  private static List<String> names(List<WebElement> rows, String attribute) {
    return rows.stream().map(r -> r.getAttribute(attribute)).toList();
  }
}
