package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every command and sub-command explains itself: -h, --help and {@code help CMD} exit 0. */
class HelpTest {

  /** Each command's words from the top, e.g. ["roles", "add"], found by walking the tree. */
  private static List<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    walk(
        StepwiseCommand.commandLine(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Environment.EMPTY),
        List.of(),
        all);
    return all;
  }

  private static void walk(CommandLine command, List<String> words, List<List<String>> all) {
    all.add(words);
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandName().equals(name)) { // once per command, not per alias
                List<String> next = new ArrayList<>(words);
                next.add(name);
                walk(sub, next, all);
              }
            });
  }

  @TestFactory
  Stream<DynamicTest> everyCommandTakesHelp() {
    return commands().stream()
        .flatMap(
            words ->
                Stream.of("--help", "-h")
                    .map(
                        flag ->
                            DynamicTest.dynamicTest(
                                String.join(" ", words) + " " + flag,
                                () -> {
                                  List<String> args = new ArrayList<>(words);
                                  args.add(flag);
                                  CliRun r = CliRun.run(args.toArray(String[]::new));
                                  assertThat(r.exit()).isZero();
                                  assertThat(r.err()).isEmpty();
                                  assertThat(r.out())
                                      .contains(
                                          "Usage: "
                                              + String.join(
                                                  " ",
                                                  Stream.concat(
                                                          Stream.of("stepwise"), words.stream())
                                                      .toList())
                                              + " ");
                                })));
  }

  @Test
  void helpNamesACommand() {
    CliRun r = CliRun.run("help", "serve");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: stepwise serve ");
    assertThat(CliRun.run("help", "roles", "add").out()).startsWith("Usage: stepwise roles add ");
    assertThat(CliRun.run("help").out()).contains("serve", "env", "reset", "help");
  }

  @Test
  void everyCommandIsListed() {
    assertThat(commands().stream().filter(w -> w.size() == 1).map(w -> w.get(0)).toList())
        .containsExactly(
            "serve",
            "run",
            "test-state",
            "validate",
            "mocks",
            "executions",
            "redrive",
            "history",
            "describe",
            "policy",
            "roles",
            "env",
            "reset",
            "help");
  }
}
