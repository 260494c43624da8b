package dev.stepwise.language.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.SeededRandomness;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random call texts: compiling returns an expression or throws {@link ExpressionSyntaxException};
 * evaluating returns a value or throws {@link StatesException}; nothing else.
 */
class IntrinsicsFuzzTest {

  private static final long SEED = 0x5eed_1e55L;
  private static final String[] NAMES =
      Arrays.stream(Function.values()).map(Function::fullName).toArray(String[]::new);
  private static final String[] ATOMS = {
    "'a,b'",
    "''",
    "'{}'",
    "'{} {}'",
    "'SHA-256'",
    "'MD5'",
    "'\\{'",
    "'a\\'b'",
    "'aGVsbG8='",
    "'{\"a\":1}'",
    "'[1,2]'",
    "0",
    "1",
    "-1",
    "2.5",
    "-0.6",
    "1000",
    "1e3",
    "2147483647",
    "-2147483648",
    "99999999999",
    "true",
    "false",
    "null",
    "$",
    "$.s",
    "$.n",
    "$.arr",
    "$.obj",
    "$.nested.x",
    "$.missing",
    "$$.Execution.Name",
    "$$.StateMachine",
    "$v"
  };
  private static final String NOISE = "(),'\\ $.{}[]-0123456789aeStrux\n\"";
  private static final JsonNode INPUT =
      Json.parseTrusted(
          """
          {"s": "x,y", "n": 3, "arr": [1, "a", [2], {"k": null}, 1], "obj": {"a": 1},
           "nested": {"x": "{}"}}
          """);

  private static final Scope SCOPE =
      new Scope(
          Calls.CONTEXT,
          name -> name.equals("v") ? INPUT.get("arr") : null,
          INPUT,
          null,
          null,
          SeededRandomness.seeded(SEED));

  @Test
  void compileAndEvaluateOnlyFailTheDocumentedWays() {
    Random random = new Random(SEED);
    int compiled = 0;
    int evaluated = 0;
    for (int round = 0; round < 20_000; round++) {
      String text = random.nextInt(4) == 0 ? mutate(call(random, 0), random) : call(random, 0);
      Expression expression;
      try {
        expression =
            new IntrinsicExpression(text, IntrinsicParser.parse(text, "f.$", FakePaths::compile));
        compiled++;
      } catch (ExpressionSyntaxException e) {
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + SEED + ", compile threw for: " + text, e);
      }
      try {
        JsonNode value = expression.evaluate(INPUT, SCOPE);
        assertThat(value).as("seed %d: %s", SEED, text).isNotNull();
        evaluated++;
      } catch (StatesException e) {
        // Unresolvable variables fail the way the path module reports them; all else is ours.
        assertThat(e.statesCause())
            .as("seed %d: %s", SEED, text)
            .satisfiesAnyOf(
                cause -> assertThat(cause).startsWith("The function '" + text + "' had the"),
                cause -> assertThat(cause).startsWith("no results for $"));
      } catch (RuntimeException e) {
        fail("seed " + SEED + ", evaluate threw for: " + text, e);
      }
    }
    assertThat(compiled).as("calls that compiled").isGreaterThan(5_000);
    assertThat(evaluated).as("calls that evaluated").isGreaterThan(1_000);
  }

  private static String call(Random random, int depth) {
    StringBuilder text = new StringBuilder(NAMES[random.nextInt(NAMES.length)]).append('(');
    int args = random.nextInt(4);
    for (int i = 0; i < args; i++) {
      if (i > 0) {
        text.append(random.nextBoolean() ? ", " : ",");
      }
      if (depth < 11 && random.nextInt(4) == 0) {
        text.append(call(random, depth + 1));
      } else {
        text.append(ATOMS[random.nextInt(ATOMS.length)]);
      }
    }
    return text.append(')').toString();
  }

  private static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && !out.isEmpty(); i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(3)) {
        case 0 -> out.deleteCharAt(at);
        case 1 -> out.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
        default -> out.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
      }
    }
    return out.toString();
  }
}
