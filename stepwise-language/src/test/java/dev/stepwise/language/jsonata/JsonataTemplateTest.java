package dev.stepwise.language.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Randomness;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonataTemplateTest {
  private static final JsonNode INPUT =
      Json.parseTrusted("{\"values\": [1, 2, 3], \"s\": \"abc\"}");
  private static final Scope SCOPE =
      new Scope(
          Json.parseTrusted("{\"State\": {\"Name\": \"S\"}}"),
          Map.of("x", Json.NODES.numberNode(41))::get,
          INPUT,
          Json.parseTrusted("{\"r\": true}"),
          null,
          Randomness.from(new Random(7)));

  private static String eval(String template) throws Exception {
    return Json.write(
        JsonataTemplate.compile(Json.parse(template), "Output").evaluate(INPUT, SCOPE));
  }

  @Test
  void statesAndVariablesAreBound() throws Exception {
    assertThat(
            eval(
                """
                {"sum": "{% $sum($states.input.values) %}", "ctx": "{% $states.context.State.Name %}",
                 "res": "{% $states.result.r %}", "var": "{% $x + 1 %}", "lit": [1, "{% 'a' %}"],
                 "plain": "not an expression"}
                """))
        .isEqualTo(
            "{\"sum\":6,\"ctx\":\"S\",\"res\":true,\"var\":42,\"lit\":[1,\"a\"],\"plain\":\"not an expression\"}");
  }

  @Test
  void awsFunctions() throws Exception {
    assertThat(eval("\"{% $partition([1,2,3,4,5], 2) %}\"")).isEqualTo("[[1,2],[3,4],[5]]");
    assertThat(eval("\"{% $range(0, 10, 2) %}\"")).isEqualTo("[0,2,4,6,8,10]");
    assertThat(eval("\"{% $hash('abc', 'SHA-256') %}\""))
        .isEqualTo("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"");
    assertThat(eval("\"{% $parse('{\\\"a\\\": [1]}') %}\"")).isEqualTo("{\"a\":[1]}");
    // JSONata 2.0 as AWS runs it: binary, octal and hexadecimal strings are numbers.
    assertThat(
            eval("\"{% [$number('0x1A'), $number('0o17'), $number('0b101'), $number('2.5')] %}\""))
        .isEqualTo("[26,15,5,2.5]");
    assertThat(eval("\"{% $random(42) %}\"")).isEqualTo(eval("\"{% $random(42) %}\""));
    assertThat(eval("\"{% $uuid() %}\""))
        .matches("\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"");
  }

  @Test
  void undefinedResultsFailWithTheFieldPath() {
    assertThatThrownBy(() -> eval("{\"result\": \"{% $doesNotExist %}\"}"))
        .isInstanceOfSatisfying(
            StatesException.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
              assertThat(e.statesCause())
                  .isEqualTo(
                      "The JSONata expression '$doesNotExist' specified for the field"
                          + " 'Output/result' returned nothing (undefined).");
            });
  }

  @Test
  void functionResultsAreUnsupported() {
    assertThatThrownBy(() -> eval("\"{% function($x){$x} %}\""))
        .hasMessageContaining("returned an unsupported result type.");
  }

  @Test
  void evalIsDisabledAndRunawayExpressionsAreBounded() {
    assertThatThrownBy(() -> eval("\"{% $eval('1') %}\""))
        .isInstanceOf(StatesException.class)
        .hasMessageContaining("threw an error during evaluation");
    assertThatThrownBy(() -> eval("\"{% $count([0..9999999].($ * 2)) %}\""))
        .isInstanceOf(StatesException.class)
        .hasMessageContaining("threw an error during evaluation");
  }

  @Test
  void syntaxErrorsAreFoundAtCompileTime() {
    assertThatThrownBy(() -> JsonataTemplate.compile(Json.parse("\"{% 1 + %}\""), "Output"))
        .isInstanceOf(ExpressionSyntaxException.class)
        .hasMessageStartingWith(
            "The JSONata expression '1 +' specified for the field 'Output' is not valid");
  }
}
