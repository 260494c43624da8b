package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.eval.Scope;
import java.util.List;

/**
 * One call of a function on evaluated arguments, with the argument checks every function shares.
 * AWS checks argument counts when it evaluates the call, not when it accepts the definition.
 */
record Invocation(Function function, List<Value> args, Scope scope) {

  IntrinsicError invalid() {
    return IntrinsicError.invalidArguments(function);
  }

  void arity(int count) {
    arity(count, count);
  }

  void arity(int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw invalid();
    }
  }

  Value value(int index) {
    return args.get(index);
  }

  JsonNode node(int index) {
    return args.get(index).node();
  }

  ArrayNode array(int index) {
    if (node(index) instanceof ArrayNode array) {
      return array;
    }
    throw invalid();
  }

  ObjectNode object(int index) {
    if (node(index) instanceof ObjectNode object) {
      return object;
    }
    throw invalid();
  }

  String string(int index) {
    JsonNode node = node(index);
    if (!node.isTextual()) {
      throw invalid();
    }
    return node.textValue();
  }

  /** An int argument; AWS cuts the fraction off ({@code 2.6} is {@code 2}, {@code -0.6} is 0). */
  int truncated(int index) {
    JsonNode node = number(index);
    return toInt(node.isIntegralNumber() ? wholeValue(node) : (long) finite(node.doubleValue()));
  }

  /** An int argument rounded half up, as {@code States.MathAdd} does ({@code -2.5} is -2). */
  int rounded(int index) {
    JsonNode node = number(index);
    return toInt(
        node.isIntegralNumber() ? wholeValue(node) : Math.round(finite(node.doubleValue())));
  }

  /** A long argument (a seed), fraction cut off. */
  long wholeNumber(int index) {
    JsonNode node = number(index);
    return node.isIntegralNumber() ? wholeValue(node) : (long) finite(node.doubleValue());
  }

  private JsonNode number(int index) {
    JsonNode node = node(index);
    if (!node.isNumber()) {
      throw invalid();
    }
    return node;
  }

  private long wholeValue(JsonNode node) {
    if (!node.canConvertToLong()) {
      throw invalid();
    }
    return node.longValue();
  }

  private double finite(double value) {
    if (!Double.isFinite(value) || Math.abs(value) >= 0x1p63) {
      throw invalid();
    }
    return value;
  }

  private int toInt(long value) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw invalid();
    }
    return (int) value;
  }
}
