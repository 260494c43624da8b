package dev.stepwise.language.path;

import dev.stepwise.language.expr.ExpressionSyntaxException;

/** Compiles the JSONPath-mode paths of a definition. */
public final class Paths {
  private Paths() {}

  /**
   * A Path ({@code InputPath}, {@code OutputPath}, a {@code .$} value, a Choice {@code Variable}):
   * {@code $...} on the input, {@code $$...} on the context object, {@code $name...} on a variable;
   * full JSONPath (filters, slices, wildcards) where ASL allows it.
   */
  public static CompiledPath compile(String text) throws ExpressionSyntaxException {
    return CompiledPath.compile(text);
  }

  /** A path feeding the named field, failing with the field-specific AWS message. */
  public static FieldPath compileForField(String text, String field)
      throws ExpressionSyntaxException {
    return new FieldPath(CompiledPath.compile(text), field);
  }
}
