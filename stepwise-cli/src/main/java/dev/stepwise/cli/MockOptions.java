package dev.stepwise.cli;

import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.integrations.mock.MockConfig;
import dev.stepwise.integrations.mock.MockConfigException;
import dev.stepwise.integrations.mock.MockedTasks;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** {@code --mock-config}: Step Functions Local's mock file, answered before real integrations. */
final class MockOptions {
  @Option(
      names = "--mock-config",
      paramLabel = "FILE",
      description = "Mocked responses (Step Functions Local's MockConfigFile format)")
  Path file;

  /** The mock file, parsed; null without one. */
  MockConfig load() throws InputFiles.UnreadableFileException, MockConfigException {
    return file == null
        ? null
        : MockConfig.parse(InputFiles.read(file, 10 * 1024 * 1024, "mock config"));
  }

  /** Wraps integrations with the mocks (or leaves them as they are without a file). */
  static UnaryOperator<TaskDispatcher> wrap(
      MockConfig config, Function<TaskRequest, Optional<String>> testCaseOf) {
    return config == null ? tasks -> tasks : tasks -> new MockedTasks(config, testCaseOf, tasks);
  }

  static String problems(MockConfigException e) {
    return e.getMessage();
  }
}
