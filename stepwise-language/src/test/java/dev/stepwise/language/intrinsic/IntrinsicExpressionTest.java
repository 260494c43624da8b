package dev.stepwise.language.intrinsic;

import static dev.stepwise.language.intrinsic.Calls.assertFails;
import static dev.stepwise.language.intrinsic.Calls.assertInvalid;
import static dev.stepwise.language.intrinsic.Calls.eval;
import static dev.stepwise.language.intrinsic.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.eval.Variables;
import org.junit.jupiter.api.Test;

class IntrinsicExpressionTest {

  @Test
  void aFailingInnerCallNamesTheWholeCall() {
    assertInvalid("States.Array(1, States.MathAdd('a', 1))", "States.MathAdd");
  }

  @Test
  void aMissingInputPathIsReportedWithTheInput() {
    assertFails(
        "States.Array($.optional)",
        "{\"requiredProperty\": 1}",
        "The JsonPath argument for the field '$.optional' could not be found in the input"
            + " '{\"requiredProperty\":1}'");
  }

  @Test
  void aMissingContextPathIsReportedWithTheContext() {
    StatesException e = Calls.failure("States.Format('{}', $$.Execution.Nope)");

    assertThat(e.statesCause())
        .startsWith(
            "The function 'States.Format('{}', $$.Execution.Nope)' had the following error: The"
                + " JsonPath argument for the field '$$.Execution.Nope' could not be found in the"
                + " input '{\"Execution\":");
  }

  @Test
  void argumentsAreEvaluatedBeforeTheyAreChecked() {
    // A missing path wins over the bad argument count, as on AWS.
    assertFails(
        "States.Base64Encode($.missing, 'extra')",
        "{}",
        "The JsonPath argument for the field '$.missing' could not be found in the input '{}'");
  }

  @Test
  void variablePathFailuresPassThrough() {
    assertThatThrownBy(() -> eval("States.Array($undefined)"))
        .isInstanceOfSatisfying(
            StatesException.class,
            e -> assertThat(e.statesCause()).isEqualTo("no results for $undefined"));
  }

  @Test
  void readsVariables() {
    var scope = Calls.scope();
    var withVariables =
        new dev.stepwise.language.eval.Scope(
            scope.context(),
            name -> name.equals("x") ? json("{\"y\": 7}") : null,
            scope.stateInput(),
            null,
            null,
            scope.randomness());

    assertThat(Calls.compile("States.MathAdd($x.y, 1)").evaluate(json("{}"), withVariables))
        .isEqualTo(json("8"));
    assertThat(Variables.NONE.get("x")).isNull();
  }

  @Test
  void resultsDoNotAliasTheInputWhenMerging() {
    var input = json("{\"a\": {\"k\": 1}, \"b\": {}}");
    var merged = Calls.compile("States.JsonMerge($.a, $.b, false)").evaluate(input, Calls.scope());

    assertThat(merged).isNotSameAs(input.get("a"));
  }
}
