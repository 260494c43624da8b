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
    assertThat(ErrorMatch.matches(List.of("States.ALL"), "Custom")).isTrue();
    assertThat(ErrorMatch.matches(List.of("States.ALL"), "States.Runtime")).isFalse();
    assertThat(ErrorMatch.matches(List.of("States.ALL"), "States.DataLimitExceeded")).isFalse();
    assertThat(ErrorMatch.matches(List.of("States.TaskFailed"), "States.Timeout")).isFalse();
    assertThat(ErrorMatch.matches(List.of("States.TaskFailed"), "Lambda.Unknown")).isTrue();
    assertThat(ErrorMatch.matches(List.of("States.Runtime"), "States.Runtime")).isTrue();
    assertThat(ErrorMatch.matches(List.of("custom"), "Custom")).isFalse();
    assertThat(ErrorMatch.retriable("States.Runtime")).isFalse();
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
