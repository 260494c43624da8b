package dev.stepwise.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's figures for docs/benchmarks.md, measured in the real headless Chromium: how long a
 * 200-state definition takes to lay out and draw, and how the execution page behaves with a history
 * at the 25,000-event cap and with a Map of 6,000 iterations. It prints figures and asserts nothing
 * about time (speed is checked here, never by a timed test). Not part of the suite (its name ends
 * in Bench); run it with:
 *
 * <pre>./mvnw -B -q -pl stepwise-console -am verify -Dtest=ConsoleBench
 *   -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class ConsoleBench {
  private static final int RUNS = 5;

  @Test
  void figures() throws IOException {
    try (ChromiumBrowser browser = ChromiumBrowser.start();
        ConsoleFixture server = new ConsoleFixture()) {
      String big = server.create("two-hundred", twoHundredStates());
      List<Double> layouts = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        browser.open(server.consoleUrl(ConsoleFixture.machineRoute(big)));
        browser.click("button[data-tab=definition]");
        browser.waitUntil("graph", () -> browser.attr(".graph-box", "data-layout-ms") != null);
        layouts.add(Double.parseDouble(browser.attr(".graph-box", "data-layout-ms")));
        if (i == 0) {
          System.out.printf(
              "200-state definition: %d state nodes drawn%n",
              browser.all("svg[data-graph] .state").size());
        }
      }
      System.out.printf("200-state definition: layout and drawing %s ms%n", summary(layouts));

      String loop =
          server.create(
              "loop",
              """
              {"StartAt": "Inc", "States": {
                "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 100000, "Next": "Inc"}],
                          "Default": "Done"},
                "Done": {"Type": "Succeed"}}}
              """);
      page(browser, server, server.start(loop, "at-the-cap", "{\"i\": 0}"), "25,000-event loop");

      String map =
          server.create(
              "wide-map",
              """
              {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}}}}}
              """);
      StringBuilder items = new StringBuilder("[");
      for (int i = 0; i < 6000; i++) {
        items.append(i == 0 ? "" : ",").append(i);
      }
      page(
          browser,
          server,
          server.start(map, "six-thousand", items + "]"),
          "Map of 6,000 iterations");
      browser.assertNoConsoleErrors();
    }
  }

  private static void page(
      ChromiumBrowser browser, ConsoleFixture server, String arn, String what) {
    server.runToEnd(arn);
    List<Double> open = new ArrayList<>();
    List<Double> table = new ArrayList<>();
    List<Double> next = new ArrayList<>();
    List<Double> eventsTab = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      browser.open(server.consoleUrl(ConsoleFixture.executionRoute(arn)));
      open.add((System.nanoTime() - t0) / 1e6);
      table.add(interaction(browser, "button[data-tab=table]"));
      next.add(interaction(browser, ".visits .pager button:last-child"));
      eventsTab.add(interaction(browser, "button[data-tab=events]"));
    }
    browser.waitUntil("events", () -> !browser.all("tr[data-event-id]").isEmpty());
    System.out.printf(
        "%s: %s events, %s state visits; rows in the DOM: table %d, events %d%n",
        what,
        browser.attr("[data-event-count]", "data-event-count"),
        browser.attr("[data-visit-count]", "data-visit-count"),
        browser.all("tr[data-visit], tr[data-iteration-row]").size(),
        browser.all("tr[data-event-id]").size());
    System.out.printf("%s: page open to ready %s ms%n", what, summary(open));
    System.out.printf(
        "%s: Table tab %s ms, next table page %s ms, Events tab %s ms%n",
        what, summary(table), summary(next), summary(eventsTab));
  }

  /** Milliseconds from a click to the next frame after the page's work for it. */
  private static double interaction(ChromiumBrowser browser, String css) {
    Object ms =
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " const t = performance.now(); document.querySelector(arguments[0]).click();"
                + " requestAnimationFrame(() => setTimeout(() => done(performance.now() - t)));",
            css);
    return ((Number) ms).doubleValue();
  }

  private static String summary(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(
        "median %.0f (min %.0f, max %.0f, %d runs)",
        sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
  }

  /**
   * 200 states in 20 blocks of 10: a Task with Retry and Catch, a Choice of two rules, a Wait, a
   * Pass, a Parallel of two one-state branches, a Map with one state inside, a handler reached by
   * the Catch.
   */
  static String twoHundredStates() {
    StringBuilder s = new StringBuilder("{\"StartAt\": \"T0\", \"States\": {");
    int blocks = 20;
    for (int b = 0; b < blocks; b++) {
      String next = b + 1 < blocks ? "\"Next\": \"T" + (b + 1) + "\"" : "\"End\": true";
      s.append(
          """
          "T%1$d": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f%1$d",
            "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H%1$d"}], "Next": "C%1$d"},
          "H%1$d": {"Type": "Pass", "Next": "C%1$d"},
          "C%1$d": {"Type": "Choice", "Choices": [
            {"Variable": "$.n", "NumericGreaterThan": %1$d, "Next": "W%1$d"},
            {"Variable": "$.s", "StringEquals": "b%1$d", "Next": "P%1$d"}], "Default": "A%1$d"},
          "W%1$d": {"Type": "Wait", "Seconds": 1, "Next": "A%1$d"},
          "A%1$d": {"Type": "Pass", "Next": "P%1$d"},
          "P%1$d": {"Type": "Parallel", "Next": "M%1$d", "Branches": [
            {"StartAt": "PA%1$d", "States": {"PA%1$d": {"Type": "Pass", "End": true}}},
            {"StartAt": "PB%1$d", "States": {"PB%1$d": {"Type": "Pass", "End": true}}}]},
          "M%1$d": {"Type": "Map", %2$s, "ItemProcessor": {"StartAt": "MX%1$d",
            "States": {"MX%1$d": {"Type": "Pass", "End": true}}}},
          """
              .formatted(b, next));
    }
    s.setLength(s.lastIndexOf(","));
    s.append("}}");
    return s.toString();
  }
}
