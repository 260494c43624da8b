package dev.stepwise.language.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.ErrorNames;
import dev.stepwise.language.eval.Randomness;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.SeededRandomness;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.eval.Variables;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;

/** Compiles and evaluates intrinsic calls in tests. */
final class Calls {
  private Calls() {}

  static final JsonNode CONTEXT =
      Json.parseTrusted(
          """
          {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:sm:exec-1",
                         "Name": "exec-1", "Input": {"FunctionInput": "a,b"}},
           "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:sm",
                            "Name": "sm"}}
          """);

  static Scope scope() {
    return scope(SeededRandomness.seeded(42));
  }

  static Scope scope(Randomness randomness) {
    return new Scope(CONTEXT, Variables.NONE, CONTEXT, null, null, randomness);
  }

  static Expression compile(String text) {
    try {
      return new IntrinsicExpression(text, IntrinsicParser.parse(text, "x.$", FakePaths::compile));
    } catch (ExpressionSyntaxException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static JsonNode eval(String text) {
    return eval(text, "{}");
  }

  static JsonNode eval(String text, String input) {
    return compile(text).evaluate(Json.parseTrusted(input), scope());
  }

  static JsonNode json(String text) {
    return Json.parseTrusted(text);
  }

  static StatesException failure(String text) {
    return failure(text, "{}");
  }

  static StatesException failure(String text, String input) {
    Expression expression = compile(text);
    StatesException e =
        catchThrowableOfType(
            StatesException.class, () -> expression.evaluate(Json.parseTrusted(input), scope()));
    assertThat(e).as("evaluating %s", text).isNotNull();
    return e;
  }

  /** Asserts AWS's failure for bad arguments of {@code function}, naming the whole call. */
  static void assertInvalid(String text, String function) {
    assertInvalid(text, "{}", function);
  }

  static void assertInvalid(String text, String input, String function) {
    assertFails(text, input, "Invalid arguments in " + function);
  }

  static void assertFails(String text, String input, String detail) {
    StatesException e = failure(text, input);
    assertThat(e.error()).isEqualTo(ErrorNames.RUNTIME);
    assertThat(e.statesCause())
        .isEqualTo("The function '" + text + "' had the following error: " + detail);
    assertThat(e.stateScoped()).isTrue();
  }
}
