package dev.stepwise.language.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.eval.Variables;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;
import org.junit.jupiter.api.Test;

class PayloadTemplateTest {
  private static final JsonNode INPUT =
      Json.parseTrusted("{\"name\": \"Foo\", \"year\": 2020, \"list\": [1, 2]}");
  private static final Scope SCOPE =
      new Scope(
          Json.parseTrusted("{\"Execution\": {\"Name\": \"run-1\"}}"),
          Variables.NONE,
          INPUT,
          null,
          null);

  private static String evaluate(String template) throws Exception {
    Expression e = PayloadTemplate.compile(Json.parse(template), "Parameters");
    return Json.write(e.evaluate(INPUT, SCOPE));
  }

  @Test
  void dollarKeysTakeTheirValuesFromPathsContextAndIntrinsics() throws Exception {
    assertThat(
            evaluate(
                """
                {"who.$": "$.name", "run.$": "$$.Execution.Name", "const": {"k": [1, {"x": 2}]},
                 "nested": {"y.$": "$.year", "in": [{"l.$": "$.list[1]"}]},
                 "msg.$": "States.Format('{} in {}', $.name, $.year)"}
                """))
        .isEqualTo(
            "{\"who\":\"Foo\",\"run\":\"run-1\",\"const\":{\"k\":[1,{\"x\":2}]},"
                + "\"nested\":{\"y\":2020,\"in\":[{\"l\":2}]},\"msg\":\"Foo in 2020\"}");
  }

  @Test
  void constantTemplatesAreShared() throws Exception {
    JsonNode template = Json.parse("{\"a\": {\"b\": 1}}");
    Expression e = PayloadTemplate.compile(template, "Parameters");
    assertThat(e.evaluate(INPUT, SCOPE)).isSameAs(template);
  }

  @Test
  void missingPathsFailWithTheFieldName() {
    assertThatThrownBy(() -> evaluate("{\"value.$\": \"$.no_such_jsonpath\"}"))
        .isInstanceOfSatisfying(
            StatesException.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.stateScoped()).isTrue();
              assertThat(e.statesCause())
                  .isEqualTo(
                      "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could"
                          + " not be found in the input '{\"name\":\"Foo\",\"year\":2020,\"list\":[1,2]}'");
            });
  }

  @Test
  void badTemplatesAreRejectedWithAwsMessages() {
    assertThatThrownBy(() -> PayloadTemplate.compile(Json.parse("{\"a.$\": [1]}"), "Parameters"))
        .isInstanceOf(ExpressionSyntaxException.class)
        .hasMessage(
            "The value for the field 'a.$' must be a STRING that contains a JSONPath but was an"
                + " ARRAY");
    assertThatThrownBy(
            () -> PayloadTemplate.compile(Json.parse("{\"a.$\": \"nope(\"}"), "Parameters"))
        .hasMessage(
            "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function"
                + " call");
    assertThatThrownBy(
            () -> PayloadTemplate.compile(Json.parse("{\"a.$\": \"$.x\", \"a\": 1}"), "Parameters"))
        .hasMessage("Cannot have both the field 'a.$' and the field 'a' at the same time");
  }
}
