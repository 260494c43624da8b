package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.expr.Expression;
import java.util.List;

/** A node of a parsed intrinsic call: a call or one of its arguments. */
sealed interface Term {

  /** A number, {@code true}, {@code false} or {@code null} literal. */
  record Literal(JsonNode value) implements Term {}

  /**
   * A single-quoted string: {@code value} with its escapes resolved, {@code raw} as written between
   * the quotes ({@code States.Format} reads escaped braces from it).
   */
  record Text(String value, String raw) implements Term {}

  /** A path argument: {@code $...} on the input, {@code $$...} on the context, {@code $name...}. */
  record PathArg(String text, Expression path) implements Term {}

  /** A call of one of the {@code States.*} functions. */
  record Call(Function function, List<Term> args) implements Term {}
}
