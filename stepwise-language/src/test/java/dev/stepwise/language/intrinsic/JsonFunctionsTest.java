package dev.stepwise.language.intrinsic;

import static dev.stepwise.language.intrinsic.Calls.assertInvalid;
import static dev.stepwise.language.intrinsic.Calls.eval;
import static dev.stepwise.language.intrinsic.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFunctionsTest {

  private static String withS(String value) {
    return Json.write(Json.NODES.objectNode().put("s", value));
  }

  // --- States.StringToJson

  @Test
  void stringToJsonDocumentedExample() {
    assertThat(
            eval("States.StringToJson($.someString)", "{\"someString\": \"{\\\"number\\\": 20}\"}"))
        .isEqualTo(json("{\"number\": 20}"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // recorded on AWS: empty and blank text give null
        "''                      | null",
        "' '                     | null",
        "null                    | null",
        "'\"HelloWorld\"'        | '\"HelloWorld\"'",
        "' {\"a\":1} '           | '{\"a\":1}'",
        "[1,2,\"x\"]             | '[1,2,\"x\"]'",
        "-0                      | 0",
        "true                    | true",
        "'{\"a\":\"it''s\"}'     | '{\"a\":\"it''s\"}'",
      })
  void stringToJsonParses(String text, String expected) {
    assertThat(eval("States.StringToJson($.s)", withS(text))).isEqualTo(json(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{bad json}", "{\"a\":1", "undefined", "1 2", "'single'"})
  void stringToJsonRejectsInvalidJson(String text) {
    assertInvalid("States.StringToJson($.s)", withS(text), "States.StringToJson");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.StringToJson(123)",
        "States.StringToJson(States.Array(1))",
        "States.StringToJson(null)",
        "States.StringToJson()",
        "States.StringToJson('{}', '{}')",
      })
  void stringToJsonRejects(String call) {
    assertInvalid(call, "States.StringToJson");
  }

  // --- States.JsonToString

  @Test
  void jsonToStringDocumentedExample() {
    assertThat(
            eval(
                "States.JsonToString($.someJson)",
                "{\"someJson\": {\"name\": \"Foo\", \"year\": 2020}}"))
        .isEqualTo(json("\"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\""));
  }

  @Test
  void jsonToStringWritesCompactJson() {
    assertThat(eval("States.JsonToString($.p)", "{\"p\": [null, \"\", \" \", 0, 1.5, true, [0]]}"))
        .isEqualTo(json("\"[null,\\\"\\\",\\\" \\\",0,1.5,true,[0]]\""));
    assertThat(eval("States.JsonToString('x')")).isEqualTo(json("\"\\\"x\\\"\""));
    assertThat(eval("States.StringToJson(States.JsonToString($.o))", "{\"o\": {\"a\": [1]}}"))
        .isEqualTo(json("{\"a\": [1]}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"States.JsonToString()", "States.JsonToString(1, 2)"})
  void jsonToStringRejects(String call) {
    assertInvalid(call, "States.JsonToString");
  }

  // --- States.JsonMerge

  @Test
  void jsonMergeDocumentedExample() {
    assertThat(
            eval(
                "States.JsonMerge($.json1, $.json2, false)",
                """
                {"json1": {"a": {"a1": 1, "a2": 2}, "b": 2},
                 "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}
                """))
        .isEqualTo(json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"));
  }

  @Test
  void jsonMergeRecordedCase() {
    assertThat(
            eval(
                "States.JsonMerge($.fst, $.snd, false)",
                """
                {"fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3},
                 "snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}}
                """))
        .isEqualTo(json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3, \"d\": 4}"));
  }

  @Test
  void jsonMergeLeavesItsArgumentsUntouched() {
    var input = json("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2, \"y\": null}}");

    var merged = Calls.compile("States.JsonMerge($.a, $.b, false)").evaluate(input, Calls.scope());

    assertThat(merged).isEqualTo(json("{\"x\": 2, \"y\": null}"));
    assertThat(input).isEqualTo(json("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2, \"y\": null}}"));
  }

  @Test
  void jsonMergeTreatsAnyThirdArgumentButTrueAsShallow() {
    assertThat(eval("States.JsonMerge($.a, $.b, 'true')", "{\"a\": {\"x\": 1}, \"b\": {}}"))
        .isEqualTo(json("{\"x\": 1}"));
    assertThat(eval("States.JsonMerge($.a, $.b, null)", "{\"a\": {}, \"b\": {\"y\": 1}}"))
        .isEqualTo(json("{\"y\": 1}"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "States.JsonMerge($.o, $.o, true) | {\"o\": {}}",
        "States.JsonMerge($.n, $.o, false) | {\"o\": {}, \"n\": null}",
        "States.JsonMerge($.o, $.n, false) | {\"o\": {}, \"n\": null}",
        "States.JsonMerge($.a, $.o, false) | {\"o\": {}, \"a\": []}",
        "States.JsonMerge($.o, 'x', false) | {\"o\": {}}",
        "States.JsonMerge($.o, $.o)        | {\"o\": {}}",
        "States.JsonMerge($.o, $.o, false, 1) | {\"o\": {}}",
        "States.JsonMerge()                | {}",
      })
  void jsonMergeRejects(String call, String input) {
    assertInvalid(call, input, "States.JsonMerge");
  }
}
