package dev.stepwise.language.intrinsic;

import static dev.stepwise.language.intrinsic.Calls.assertInvalid;
import static dev.stepwise.language.intrinsic.Calls.eval;
import static dev.stepwise.language.intrinsic.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.SeededRandomness;
import dev.stepwise.language.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextFunctionsTest {

  private static String format(String call, String input) {
    return eval(call, input).textValue();
  }

  // --- States.Format

  @Test
  void formatDocumentedExample() {
    assertThat(
            format(
                "States.Format('Your name is {}, we are in the year {}', $.name, 2020)",
                "{\"name\": \"Foo\"}"))
        .isEqualTo("Your name is Foo, we are in the year 2020");
    assertThat(
            format(
                "States.Format($.template, $.name)",
                "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}"))
        .isEqualTo("Hello, my name is Arnav.");
  }

  /** The recorded cases: strings unquoted, other values printed the Java way. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "\"\"                         | Formatting argument .",
        "\" \"                        | Formatting argument  .",
        "\"HelloWorld\"               | Formatting argument HelloWorld.",
        "null                         | Formatting argument null.",
        "1                            | Formatting argument 1.",
        "1.1                          | Formatting argument 1.1.",
        "\"{\\\"Arg1\\\": 1, \\\"Arg2\\\": []}\" | Formatting argument {\"Arg1\": 1, \"Arg2\": []}.",
        "{\"Arg1\": 1, \"Arg2\": []}  | Formatting argument {Arg1=1, Arg2=[]}.",
        "[1, \"a\", null, [true, 2.5], {}] | Formatting argument [1, a, null, [true, 2.5], {}].",
        "1.0E20                       | Formatting argument 1.0E20.",
        "12345678901234567890         | Formatting argument 12345678901234567890.",
      })
  void formatPrintsEachKindOfValue(String value, String expected) {
    assertThat(
            format(
                "States.Format('Formatting argument {}.', $.FunctionInput)",
                "{\"FunctionInput\": " + value + "}"))
        .isEqualTo(expected);
  }

  @Test
  void formatPrintsTheContextObjectTheJavaWay() {
    assertThat(
            format(
                "States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name,"
                    + " $$.StateMachine)",
                "{}"))
        .isEqualTo(
            "Formatting arguments fst=exec-1 and"
                + " snd={Id=arn:aws:states:us-east-1:123456789012:stateMachine:sm, Name=sm}.");
  }

  @Test
  void formatMixedScalarsAndNestedCalls() {
    assertThat(format("States.Format('{} {} {}', 'x', 2, true)", "{}")).isEqualTo("x 2 true");
    assertThat(format("States.Format('no placeholders')", "{}")).isEqualTo("no placeholders");
    assertThat(format("States.Format('  {}  ', 'x')", "{}")).isEqualTo("  x  ");
    assertThat(
            format(
                "States.Format('arn:{}:{}', 'lambda', States.JsonToString($.o))",
                "{\"o\": {\"k\": 1}}"))
        .isEqualTo("arn:lambda:{\"k\":1}");
  }

  @Test
  void formatFailStateCauseExample() {
    assertThat(
            format(
                "States.Format('This is a custom error message for {}, caused by {}.', $.Error,"
                    + " $.Cause)",
                "{\"Error\": \"error string\", \"Cause\": \"cause string\"}"))
        .isEqualTo("This is a custom error message for error string, caused by cause string.");
  }

  @Test
  void formatPrintsEscapedCharactersLiterally() {
    assertThat(format("States.Format('\\{\\} {} \\'{}\\' \\\\', 'a', 'b')", "{}"))
        .isEqualTo("{} a 'b' \\");
  }

  @Test
  void formatReadsBackslashEscapesInTemplatesFromTheInput() {
    assertThat(format("States.Format($.t, 'a')", "{\"t\": \"\\\\{{}\\\\}\"}")).isEqualTo("{a}");
  }

  @Test
  void formatPrintsStringToJsonResultsAsJson() {
    // Inferred from an AWS observation: AWS prints a nested StringToJson result differently from
    // a plain string; its parsed values are JSON trees, printed as JSON text.
    assertThat(format("States.Format('{}', States.StringToJson($.j))", "{\"j\": \"\\\"x\\\"\"}"))
        .isEqualTo("\"x\"");
    assertThat(format("States.Format('{}', States.StringToJson('{\"a\": [1]}'))", "{}"))
        .isEqualTo("{\"a\":[1]}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.Format('{} {}', 'x')",
        "States.Format('{}', 'x', 'y')",
        "States.Format('{}')",
        "States.Format('Hello {', 'x')",
        "States.Format('Hello {{}}', 'x')",
        "States.Format('}')",
        "States.Format(123, 'x')",
        "States.Format(null)",
        "States.Format()",
      })
  void formatRejects(String call) {
    assertInvalid(call, "States.Format");
  }

  // --- States.StringSplit

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // recorded on AWS
        "1,2,3,4,5               | ,    | [\"1\",\"2\",\"3\",\"4\",\"5\"]",
        "This.is+a,test=string   | .+,= | [\"This\",\"is\",\"a\",\"test\",\"string\"]",
        "`, , ,`                 | ,    | [\" \",\" \"]",
        // AWS drops empty pieces (observed by a public conformance suite)
        "a,,b                    | ,    | [\"a\",\"b\"]",
        ",a,b,                   | ,    | [\"a\",\"b\"]",
        "``                      | ,    | []",
        "abc                     | ``   | [\"abc\"]",
        "1a2b3ab4                | ab   | [\"1\",\"2\",\"3\",\"4\"]",
        "`a|b|c`                 | `|`  | [\"a\",\"b\",\"c\"]",
      })
  void splitOnEveryDelimiterCharacter(String text, String delimiters, String expected) {
    String input = Json.write(Json.NODES.objectNode().put("fst", text).put("snd", delimiters));

    assertThat(eval("States.StringSplit($.fst, $.snd)", input)).isEqualTo(json(expected));
  }

  @Test
  void splitRecordedNewlineCases() {
    assertThat(eval("States.StringSplit('Hello\nWorld', '\n')"))
        .isEqualTo(json("[\"Hello\", \"World\"]"));
    assertThat(
            eval(
                "States.StringSplit($.fst, $.snd)",
                "{\"fst\": \"split on T and \\nnew line\", \"snd\": \"T\\n\"}"))
        .isEqualTo(json("[\"split on \", \" and \", \"new line\"]"));
    assertThat(eval("States.StringSplit($$.Execution.Input.FunctionInput, ',')", "{}"))
        .isEqualTo(json("[\"a\", \"b\"]"));
  }

  @Test
  void splitRecordedContextObjectCase() {
    JsonNode input =
        json(
            "{\"FunctionInput\":"
                + " \"Value1,Value2,Value3\\nValue4,Value5,Value6\\n,,,\\ntrue,1,'HelloWorld'\\nNull,None,\\n"
                + "   \\n\"}");

    assertThat(
            Calls.compile("States.StringSplit($.FunctionInput, ',')")
                .evaluate(input, Calls.scope()))
        .isEqualTo(
            json(
                "[\"Value1\", \"Value2\", \"Value3\\nValue4\", \"Value5\", \"Value6\\n\","
                    + " \"\\ntrue\", \"1\", \"'HelloWorld'\\nNull\", \"None\", \"\\n   \\n\"]"));
  }

  @Test
  void splitFeedsOtherFunctions() {
    assertThat(eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)"))
        .isEqualTo(json("\"sm\""));
    assertThat(
            eval(
                "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
                    + "States.StringSplit($.Arn, '/'), 2), '.'), 0), States.ArrayGetItem("
                    + "States.StringSplit(States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2),"
                    + " '.'), 1), 'x')",
                "{\"Arn\": \"arn:aws:imagebuilder:us-east-1:123:image-recipe/name/1.0.2\"}"))
        .isEqualTo(json("\"1.0.x\""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.StringSplit(123, ',')",
        "States.StringSplit('a,b', 1)",
        "States.StringSplit(null, ',')",
        "States.StringSplit('a,b', null)",
        "States.StringSplit(false, ',')",
        "States.StringSplit('a,b', States.Array(','))",
        "States.StringSplit()",
        "States.StringSplit('a,b')",
        "States.StringSplit('a,b', ',', 'x')",
      })
  void splitRejects(String call) {
    assertInvalid(call, "States.StringSplit");
  }

  // --- States.UUID

  @Test
  void uuidIsAVersion4UuidFromTheInjectedSource() {
    var expression = Calls.compile("States.UUID()");
    JsonNode first = expression.evaluate(json("{}"), Calls.scope(SeededRandomness.seeded(9)));
    JsonNode again = expression.evaluate(json("{}"), Calls.scope(SeededRandomness.seeded(9)));

    assertThat(first.textValue())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(again).isEqualTo(first);
    assertThat(expression.evaluate(json("{}"), Calls.scope(SeededRandomness.fixed(0, 0))))
        .isEqualTo(json("\"00000000-0000-4000-8000-000000000000\""));
  }

  @Test
  void uuidTakesNoArguments() {
    assertInvalid("States.UUID(1)", "States.UUID");
  }
}
