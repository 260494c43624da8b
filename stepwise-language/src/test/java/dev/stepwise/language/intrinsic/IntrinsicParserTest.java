package dev.stepwise.language.intrinsic;

import static dev.stepwise.language.intrinsic.Calls.eval;
import static dev.stepwise.language.intrinsic.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.language.expr.ExpressionSyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicParserTest {

  private static Term.Call parse(String text) throws ExpressionSyntaxException {
    return IntrinsicParser.parse(text, "x.$", FakePaths::compile);
  }

  @Test
  void readsEveryKindOfLiteral() {
    assertThat(eval("States.Array('a', '', 0, 7, -2, -2.5, 1e3, 2E-1, true, false, null)"))
        .isEqualTo(json("[\"a\", \"\", 0, 7, -2, -2.5, 1000.0, 0.2, true, false, null]"));
  }

  @Test
  void keepsBigIntegersExact() {
    assertThat(eval("States.Array(12345678901234567890, 9007199254740993)"))
        .isEqualTo(json("[12345678901234567890, 9007199254740993]"));
  }

  @Test
  void allowsBlanksBetweenTokens() {
    assertThat(eval("  States.Array (\t1 ,\n2\r, States.Array( ) )  "))
        .isEqualTo(json("[1, 2, []]"));
  }

  @Test
  void resolvesTheFourEscapes() {
    assertThat(eval("States.Array('it\\'s', '\\{\\}', 'back\\\\slash')"))
        .isEqualTo(json("[\"it's\", \"{}\", \"back\\\\slash\"]"));
  }

  @Test
  void keepsControlCharactersAndBracesInStrings() {
    // AWS accepts a raw newline inside a literal (recorded: StringSplit('Hello\nWorld', '\n')).
    assertThat(eval("States.Array('a\nb', 'x{y', ',)(')"))
        .isEqualTo(json("[\"a\\nb\", \"x{y\", \",)(\"]"));
  }

  @Test
  void nestsTenCallsDeep() {
    String call = "States.Array(".repeat(10) + "1" + ")".repeat(10);

    assertThat(eval(call)).isEqualTo(json("[[[[[[[[[[1]]]]]]]]]]"));
  }

  @Test
  void rejectsAnEleventhNestedCall() {
    String call = "States.Array(".repeat(11) + "1" + ")".repeat(11);

    assertThatThrownBy(() -> parse(call))
        .isInstanceOf(ExpressionSyntaxException.class)
        .hasMessage(
            "The value for the field 'x.$' is not a valid intrinsic function call: more than 10"
                + " nested intrinsic functions at position 130 of "
                + call);
  }

  @Test
  void rejectsUnknownFunctionsWithTheirName() {
    assertThatThrownBy(() -> parse("States.format('{}', 1)"))
        .isInstanceOf(ExpressionSyntaxException.class)
        .hasMessage(
            "The value for the field 'x.$' is not a valid intrinsic function call: unknown"
                + " function 'States.format' at position 0 of States.format('{}', 1)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "States.Foo()",
        "Format('x')",
        "States.Array",
        "States.Array(",
        "States.Array(1,)",
        "States.Array(,1)",
        "States.Array(1 2)",
        "States.Array(1)(2)",
        "States.Array() x",
        "States.Array('abc)",
        "States.Array('abc\\')",
        "States.Array('a\\nb')",
        "States.Array('a\\\"b')",
        "States.Array('a\\",
        "States.Array(\"a\")",
        "States.Array(1.)",
        "States.Array(.5)",
        "States.Array(01)",
        "States.Array(+1)",
        "States.Array(-)",
        "States.Array(1e)",
        "States.Array(1abc)",
        "States.Array([1,2])",
        "States.Array({})",
        "States.Array(abc)",
        "States.Array(True)",
        "States.Array(NULL)",
        "States.Array(true())",
        "States.Array($.a b)",
        "States.Array($.a[0)",
        "States..Array()",
        "$.a",
        "'x'",
      })
  void rejectsWrongSyntax(String text) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(ExpressionSyntaxException.class)
        .hasMessageStartingWith(
            "The value for the field 'x.$' is not a valid intrinsic function call: ");
  }

  @Test
  void cutsPathArgumentsAtTopLevelCommasAndParentheses() throws ExpressionSyntaxException {
    List<String> paths = new ArrayList<>();
    IntrinsicParser.parse(
        "States.Array($.a[0,1], $['x,y)'], $..b[?(@.c == 'd, e')], $$.Execution.Id , $var)",
        "x.$",
        text -> {
          paths.add(text);
          return FakePaths.compile("$");
        });

    assertThat(paths)
        .containsExactly(
            "$.a[0,1]", "$['x,y)']", "$..b[?(@.c == 'd, e')]", "$$.Execution.Id", "$var");
  }

  @Test
  void reportsPathsThatDoNotCompile() {
    assertThatThrownBy(() -> parse("States.Array($.a-b)"))
        .isInstanceOf(ExpressionSyntaxException.class)
        .hasMessage(
            "The value for the field 'x.$' is not a valid intrinsic function call: invalid path"
                + " '$.a-b': not a dotted path: $.a-b at position 18 of States.Array($.a-b)");
  }

  @Test
  void checksArgumentCountsOnlyWhenEvaluating() throws ExpressionSyntaxException {
    // AWS accepts these definitions and fails the execution (States.Runtime).
    assertThat(parse("States.UUID(1, 2)").args()).hasSize(2);
    assertThat(parse("States.Hash()").args()).isEmpty();
  }

  @Test
  void recognisesCallShapedText() {
    assertThat(Intrinsics.looksLikeCall("States.Format('{}', $.a)")).isTrue();
    assertThat(Intrinsics.looksLikeCall(" States.Array ()")).isTrue();
    assertThat(Intrinsics.looksLikeCall("Unknown.Function(")).isTrue();
    assertThat(Intrinsics.looksLikeCall("$.a")).isFalse();
    assertThat(Intrinsics.looksLikeCall("$$.Execution.Id")).isFalse();
    assertThat(Intrinsics.looksLikeCall("States.Array")).isFalse();
    assertThat(Intrinsics.looksLikeCall("'x'(")).isFalse();
    assertThat(Intrinsics.looksLikeCall("1(")).isFalse();
    assertThat(Intrinsics.looksLikeCall("")).isFalse();
  }

  @Test
  void expressionKeepsItsSource() {
    assertThat(Calls.compile(" States.Array() ").source()).isEqualTo(" States.Array() ");
  }
}
