package dev.stepwise.language.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.expr.Expression;

/**
 * A field whose value is a literal or computed at run time: {@code TimeoutSeconds} vs {@code
 * TimeoutSecondsPath} vs a JSONata {@code {% %}} value, Wait's {@code Seconds}/{@code Timestamp},
 * Map's limits, Fail's {@code Error}/{@code Cause}. The engine checks the value's type with AWS's
 * message for the field.
 */
public sealed interface ValueSource {
  /** The field name as written (e.g. {@code SecondsPath}), for messages. */
  String field();

  record Literal(String field, JsonNode value) implements ValueSource {}

  record Dynamic(String field, Expression expression) implements ValueSource {}
}
