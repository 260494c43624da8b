package dev.stepwise.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.model.Retrier;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErrorMatchTest {
  @Test
  void matchingFollowsAwsRules() {
    assertThat(ErrorMatch.matches(List.of("States.ALL"), "Custom", false)).isTrue();
    assertThat(ErrorMatch.matches(List.of("States.TaskFailed"), "States.Timeout", true)).isFalse();
    assertThat(ErrorMatch.matches(List.of("States.TaskFailed"), "Lambda.Unknown", true)).isTrue();
    assertThat(ErrorMatch.matches(List.of("custom"), "Custom", true)).isFalse();
  }

  @Test
  void statesRuntimeIsNeverCaughtNorRetried() {
    // Recorded: test_catch_states_runtime, whose Catch names States.Runtime.
    for (boolean byTask : new boolean[] {false, true}) {
      assertThat(ErrorMatch.matches(List.of("States.ALL"), "States.Runtime", byTask)).isFalse();
      assertThat(ErrorMatch.matches(List.of("States.Runtime"), "States.Runtime", byTask)).isFalse();
      assertThat(ErrorMatch.retriable("States.Runtime", byTask)).isFalse();
    }
  }

  @Test
  void dataLimitExceededIsTerminalOnlyWhenStepwiseRaisesIt() {
    // A state's own payload over the limit: AWS documents it as terminal, not caught by ALL.
    assertThat(ErrorMatch.matches(List.of("States.ALL"), "States.DataLimitExceeded", false))
        .isFalse();
    assertThat(ErrorMatch.matches(List.of("States.TaskFailed"), "States.DataLimitExceeded", false))
        .isFalse();
    assertThat(
            ErrorMatch.matches(
                List.of("States.DataLimitExceeded"), "States.DataLimitExceeded", false))
        .isTrue();
    assertThat(ErrorMatch.retriable("States.DataLimitExceeded", false)).isFalse();
    // A task's result too large (TaskFailed): recorded caught by States.ALL.
    assertThat(ErrorMatch.matches(List.of("States.ALL"), "States.DataLimitExceeded", true))
        .isTrue();
    assertThat(ErrorMatch.retriable("States.DataLimitExceeded", true)).isTrue();
  }

  @Test
  void delaysBackOffAndCap() {
    Retrier r = new Retrier(List.of("E"), 2, 5, 3.0, 10L, Retrier.JitterStrategy.NONE);
    Random random = new Random(1);
    assertThat(ErrorMatch.delay(r, 1, random)).isEqualTo(Duration.ofSeconds(2));
    assertThat(ErrorMatch.delay(r, 2, random)).isEqualTo(Duration.ofSeconds(6));
    assertThat(ErrorMatch.delay(r, 3, random)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void fullJitterDrawsFromTheInjectedSource() {
    Retrier r = new Retrier(List.of("E"), 4, 3, 2.0, null, Retrier.JitterStrategy.FULL);
    double draw = new Random(5).nextDouble();
    assertThat(ErrorMatch.delay(r, 2, new Random(5)))
        .isEqualTo(Duration.ofMillis(Math.round(draw * 8_000)));
  }
}
