package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import java.util.regex.Pattern;

/**
 * Dotted paths ({@code $}, {@code $.a.b}, {@code $$.a}, {@code $var.a}) standing in for {@link
 * dev.stepwise.language.path.Paths}: a path that selects nothing throws, as real paths do.
 */
final class FakePaths {
  private FakePaths() {}

  private static final Pattern DOTTED = Pattern.compile("\\$(\\$|\\w+)?(\\.\\w+)*");

  static Expression compile(String text) throws ExpressionSyntaxException {
    if (!DOTTED.matcher(text).matches()) {
      throw new ExpressionSyntaxException("not a dotted path: " + text);
    }
    return new Expression() {
      @Override
      public JsonNode evaluate(JsonNode input, Scope scope) {
        String[] parts = text.split("\\.");
        JsonNode node;
        if (parts[0].equals("$")) {
          node = input;
        } else if (parts[0].equals("$$")) {
          node = scope.context();
        } else {
          node = scope.variables().get(parts[0].substring(1));
        }
        for (int i = 1; i < parts.length && node != null; i++) {
          node = node.get(parts[i]);
        }
        if (node == null) {
          throw StatesException.runtime("no results for " + text);
        }
        return node;
      }

      @Override
      public String source() {
        return text;
      }
    };
  }
}
