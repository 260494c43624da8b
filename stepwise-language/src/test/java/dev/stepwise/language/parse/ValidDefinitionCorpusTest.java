package dev.stepwise.language.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.model.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Definitions using every state type and field in both query languages parse without a diagnostic,
 * and re-parsing the model's source gives the same machine.
 */
class ValidDefinitionCorpusTest {
  private static final Path ROOT = Path.of("src/test/resources/definitions/valid");

  @TestFactory
  Stream<DynamicTest> everyDefinitionParsesAndRoundTrips() throws IOException {
    try (Stream<Path> files = Files.list(ROOT)) {
      return files.sorted().toList().stream()
          .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }
  }

  private static void check(Path file) throws IOException {
    ParseResult first = new DefinitionParser(MachineType.STANDARD).parse(Files.readString(file));
    assertThat(first.diagnostics()).isEmpty();
    StateMachine machine = first.machine();
    ParseResult again =
        new DefinitionParser(MachineType.STANDARD).parse(Json.write(machine.definition()));
    assertThat(again.diagnostics()).isEmpty();
    assertThat(outline(again.machine().workflow())).isEqualTo(outline(machine.workflow()));
    assertThat(again.machine().queryLanguage()).isEqualTo(machine.queryLanguage());
    assertThat(again.machine().timeoutSeconds()).isEqualTo(machine.timeoutSeconds());
  }

  /** Names, types, languages and transitions of every state, nested workflows included. */
  private static List<String> outline(Workflow w) {
    List<String> out = new ArrayList<>();
    out.add("start " + w.startAt());
    for (State s : w.states().values()) {
      out.add(s.name() + " " + s.type() + " " + s.queryLanguage() + " " + transition(s));
      switch (s) {
        case dev.stepwise.language.model.ParallelState p ->
            p.branches().forEach(b -> out.addAll(outline(b)));
        case dev.stepwise.language.model.MapState m -> out.addAll(outline(m.itemProcessor()));
        default -> {}
      }
    }
    return out;
  }

  private static String transition(State s) {
    return switch (s) {
      case dev.stepwise.language.model.PassState p -> p.transition().toString();
      case dev.stepwise.language.model.TaskState t ->
          t.transition() + " " + t.resource() + " " + t.retry() + " " + t.catchers().size();
      case dev.stepwise.language.model.WaitState w -> w.transition().toString();
      case dev.stepwise.language.model.ParallelState p -> p.transition().toString();
      case dev.stepwise.language.model.MapState m -> m.transition() + " " + m.mode();
      case dev.stepwise.language.model.ChoiceState c -> c.choices().size() + " " + c.defaultNext();
      default -> "";
    };
  }
}
