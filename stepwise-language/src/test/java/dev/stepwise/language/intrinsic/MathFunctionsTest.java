package dev.stepwise.language.intrinsic;

import static dev.stepwise.language.intrinsic.Calls.assertInvalid;
import static dev.stepwise.language.intrinsic.Calls.eval;
import static dev.stepwise.language.intrinsic.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Randomness;
import dev.stepwise.language.eval.SeededRandomness;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MathFunctionsTest {

  // --- States.MathAdd

  @Test
  void addDocumentedExample() {
    assertThat(eval("States.MathAdd($.value1, $.step)", "{\"value1\": 111, \"step\": -1}"))
        .isEqualTo(json("110"));
  }

  /** Every case recorded on AWS: each operand is rounded half up (Java's Math.round). */
  @ParameterizedTest
  @CsvSource({
    "0.5, 0, 1",
    "1.5, 0, 2",
    "-0.5, 0.5, 1",
    "-0.5, 0, 0",
    "-2.5, 0, -2",
    "1.49, 1.5, 3",
    "-3.5, 0, -3",
    "1.5, 1.51, 4",
    "-1.49, -1.5, -2",
    "-1.5, -1.51, -3",
    "1.49, -1.49, 0",
    "1.6, 2.7, 5",
    "0.1, 0.2, 0",
  })
  void addRoundsEachOperand(String a, String b, String sum) {
    assertThat(eval("States.MathAdd($.fst, $.snd)", "{\"fst\": " + a + ", \"snd\": " + b + "}"))
        .isEqualTo(json(sum));
  }

  @Test
  void addStaysWithinInt() {
    assertThat(eval("States.MathAdd(2147483646, 1)")).isEqualTo(json("2147483647"));
    assertThat(eval("States.MathAdd(-2147483647, -1)")).isEqualTo(json("-2147483648"));
    assertThat(eval("States.MathAdd(States.MathAdd(5, 1), 2)")).isEqualTo(json("8"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.MathAdd(2147483647, 1)",
        "States.MathAdd(-2147483648, -1)",
        "States.MathAdd(3000000000, 1)",
        "States.MathAdd(-3000000000, 1)",
        "States.MathAdd(2147483647.5, 0)",
        "States.MathAdd('a', 1)",
        "States.MathAdd('-1', 2)",
        "States.MathAdd(null, 1)",
        "States.MathAdd(true, 1)",
        "States.MathAdd(States.Array(), 1)",
        "States.MathAdd(1)",
        "States.MathAdd(1, 2, 999)",
      })
  void addRejects(String call) {
    assertInvalid(call, "States.MathAdd");
  }

  // --- States.MathRandom

  @Test
  void seededRandomIsJavasRandomLikeOnAws() {
    // AWS returned -5 for States.MathRandom(-5, 5, 42): new Random(42).nextInt(10) is 0.
    assertThat(eval("States.MathRandom(-5, 5, 42)")).isEqualTo(json("-5"));
    assertThat(eval("States.MathRandom(1, 1000, 7)"))
        .isEqualTo(json(String.valueOf(new Random(7).nextInt(999) + 1)));
    assertThat(eval("States.MathRandom(1, 10, -10)"))
        .isEqualTo(json(String.valueOf(new Random(-10).nextInt(9) + 1)));
  }

  @Test
  void seededRandomIgnoresTheInjectedSource() {
    JsonNode withoutSource =
        Calls.compile("States.MathRandom(1, 100, 42)")
            .evaluate(json("{}"), Calls.scope(Randomness.UNAVAILABLE));

    assertThat(withoutSource).isEqualTo(eval("States.MathRandom(1, 100, 42)"));
  }

  @ParameterizedTest
  @CsvSource({
    "1, 999, 0.0, 1",
    "1, 999, 0.9999999999, 998",
    "1, 999, 0.5, 500",
    "1.6, 5.4, 0.0, 1",
    "1.6, 5.4, 0.9999, 4",
    "-1000000, 1000000, 0.25, -500000",
  })
  void unseededRandomDrawsFromTheScope(String start, String end, double draw, int expected) {
    JsonNode value =
        Calls.compile("States.MathRandom(" + start + ", " + end + ")")
            .evaluate(json("{}"), Calls.scope(SeededRandomness.fixed(0, draw)));

    assertThat(value).isEqualTo(json(String.valueOf(expected)));
  }

  @Test
  void unseededRandomStaysInRange() {
    var expression = Calls.compile("States.MathRandom(-3, 4)");
    var scope = Calls.scope(SeededRandomness.seeded(3));
    for (int i = 0; i < 500; i++) {
      assertThat(expression.evaluate(json("{}"), scope).intValue()).isBetween(-3, 3);
    }
  }

  @Test
  void unseededRandomNeedsAnInjectedSource() {
    assertThatThrownBy(
            () ->
                Calls.compile("States.MathRandom(1, 10)")
                    .evaluate(json("{}"), Calls.scope(Randomness.UNAVAILABLE)))
        .isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.MathRandom(1, 1)",
        "States.MathRandom(10, 5)",
        "States.MathRandom(1.4, 1.6)",
        "States.MathRandom(1.49, 1.49)",
        "States.MathRandom(-2147483648, 2147483647)",
        "States.MathRandom('a', 10)",
        "States.MathRandom(1, 'b')",
        "States.MathRandom(1, 10, 'seed')",
        "States.MathRandom(1, 10, null)",
        "States.MathRandom(null, 10)",
        "States.MathRandom(1)",
        "States.MathRandom(1, 10, 5, 99)",
      })
  void randomRejects(String call) {
    assertInvalid(call, "States.MathRandom");
  }
}
