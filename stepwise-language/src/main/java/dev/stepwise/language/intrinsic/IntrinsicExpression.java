package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.ErrorNames;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.json.Json;
import java.util.List;

/**
 * A compiled intrinsic call. Arguments are evaluated left to right, innermost calls first. Every
 * failure is AWS's uncatchable {@code States.Runtime}, reported with the state prefix and naming
 * the whole call: {@code The function '<call>' had the following error: <detail>}.
 */
record IntrinsicExpression(String source, Term.Call call) implements Expression {

  @Override
  public JsonNode evaluate(JsonNode input, Scope scope) {
    try {
      return evaluate(call, input, scope).node();
    } catch (IntrinsicError e) {
      throw new StatesException(
          ErrorNames.RUNTIME,
          "The function '" + source + "' had the following error: " + e.getMessage(),
          true);
    }
  }

  private static Value evaluate(Term term, JsonNode input, Scope scope) {
    return switch (term) {
      case Term.Literal literal -> Value.of(literal.value());
      case Term.Text text -> new Value(Json.NODES.textNode(text.value()), text.raw(), false);
      case Term.PathArg path -> Value.of(resolve(path, input, scope));
      case Term.Call call -> {
        List<Value> args = call.args().stream().map(arg -> evaluate(arg, input, scope)).toList();
        JsonNode result = call.function().apply(new Invocation(call.function(), args, scope));
        yield new Value(result, null, call.function() == Function.STRING_TO_JSON);
      }
    };
  }

  /** A path that selects nothing fails with AWS's message for intrinsic arguments. */
  private static JsonNode resolve(Term.PathArg path, JsonNode input, Scope scope) {
    String text = path.text();
    JsonNode document = text.startsWith("$$") ? scope.context() : input;
    boolean onDocument = text.equals("$") || text.startsWith("$.") || text.startsWith("$[");
    JsonNode value;
    try {
      value = path.path().evaluate(input, scope);
    } catch (StatesException e) {
      if (text.startsWith("$$") || onDocument) {
        throw notFound(text, document);
      }
      throw e;
    }
    if (value == null || value.isMissingNode()) {
      throw notFound(text, document);
    }
    return value;
  }

  private static IntrinsicError notFound(String path, JsonNode document) {
    return new IntrinsicError(
        "The JsonPath argument for the field '"
            + path
            + "' could not be found in the input '"
            + Json.write(document)
            + "'");
  }
}
