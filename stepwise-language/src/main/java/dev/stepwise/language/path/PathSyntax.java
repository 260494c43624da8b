package dev.stepwise.language.path;

import dev.stepwise.language.expr.ExpressionSyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits a path into its root and the text after it, and parses that text into simple steps when it
 * only has member names and non-negative indexes (the fast, exact case).
 */
final class PathSyntax {
  private PathSyntax() {}

  record Split(Root root, String rootText, String rest) {}

  static Split split(String text) throws ExpressionSyntaxException {
    if (text.isEmpty() || text.charAt(0) != '$') {
      throw new ExpressionSyntaxException("a path must start with '$': " + text);
    }
    if (text.startsWith("$$")) {
      return new Split(new Root.Context(), "$$", text.substring(2));
    }
    int end = 1;
    while (end < text.length() && isNameChar(text.codePointAt(end), end == 1)) {
      end += Character.charCount(text.codePointAt(end));
    }
    if (end == 1) {
      return new Split(new Root.Input(), "$", text.substring(1));
    }
    String name = text.substring(1, end);
    return new Split(new Root.Variable(name), "$" + name, text.substring(end));
  }

  private static boolean isNameChar(int cp, boolean first) {
    return first
        ? Character.isUnicodeIdentifierStart(cp) || cp == '_'
        : Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
  }

  /** The steps of {@code rest}, or null when it needs full JSONPath (filters, wildcards...). */
  static @Nullable List<Step> simpleSteps(String rest) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    int n = rest.length();
    while (i < n) {
      char c = rest.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && rest.charAt(i) != '.' && rest.charAt(i) != '[') {
          char d = rest.charAt(i);
          if (d == '*' || d == '@' || d == '(' || d == ')' || d == '?' || d == ',' || d == ':'
              || d == '\'' || d == '"' || d == ' ' || d == ']') {
            return null;
          }
          i++;
        }
        if (i == start) {
          return null; // ".." or a trailing dot
        }
        steps.add(new Step.Field(rest.substring(start, i)));
      } else if (c == '[') {
        int close = rest.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        String inner = rest.substring(i + 1, close).strip();
        if (inner.length() >= 2
            && (inner.charAt(0) == '\'' && inner.charAt(inner.length() - 1) == '\''
                || inner.charAt(0) == '"' && inner.charAt(inner.length() - 1) == '"')) {
          // AWS takes the quoted name verbatim: backslashes are not escapes here.
          String name = inner.substring(1, inner.length() - 1);
          if (name.indexOf(inner.charAt(0)) >= 0) {
            return null;
          }
          steps.add(new Step.Field(name));
        } else if (!inner.isEmpty() && inner.chars().allMatch(Character::isDigit)) {
          if (inner.length() > 9) {
            return null;
          }
          steps.add(new Step.Index(Integer.parseInt(inner)));
        } else {
          return null;
        }
        i = close + 1;
      } else {
        return null;
      }
    }
    return steps;
  }
}
