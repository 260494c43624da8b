package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.path.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scanner and recursive-descent parser of intrinsic calls:
 *
 * <pre>
 * call     = name "(" [ argument { "," argument } ] ")"      name: States.Format, ...
 * argument = 'string' | number | true | false | null | path | call
 * </pre>
 *
 * Blanks may separate tokens. Strings are single-quoted with the escapes {@code \'}, {@code \{},
 * {@code \}} and {@code \\} only; numbers use JSON's syntax; a path runs from {@code $} to the next
 * {@code ,} or {@code )} outside brackets and parentheses. Calls nest at most 10 deep.
 */
final class IntrinsicParser {

  static final int MAX_DEPTH = 10;

  /** What {@link #peek()} answers past the end of the text. */
  private static final char END = '\uFFFF';

  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  /** Compiles a path argument; {@link Paths#compile} outside tests. */
  @FunctionalInterface
  interface PathCompiler {
    Expression compile(String path) throws ExpressionSyntaxException;
  }

  private final String text;
  private final String field;
  private final PathCompiler paths;
  private int pos;

  private IntrinsicParser(String text, String field, PathCompiler paths) {
    this.text = text;
    this.field = field;
    this.paths = paths;
  }

  static Term.Call parse(String text, String field) throws ExpressionSyntaxException {
    return parse(text, field, Paths::compile);
  }

  static Term.Call parse(String text, String field, PathCompiler paths)
      throws ExpressionSyntaxException {
    IntrinsicParser parser = new IntrinsicParser(text, field, paths);
    parser.skipBlanks();
    Term.Call call = parser.call(1);
    parser.skipBlanks();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected text after the call");
    }
    return call;
  }

  private Term.Call call(int depth) throws ExpressionSyntaxException {
    if (depth > MAX_DEPTH) {
      throw error("more than " + MAX_DEPTH + " nested intrinsic functions");
    }
    int start = pos;
    String name = name();
    Function function =
        Function.named(name).orElseThrow(() -> errorAt(start, "unknown function '" + name + "'"));
    skipBlanks();
    expect('(');
    skipBlanks();
    List<Term> args = new ArrayList<>();
    if (peek() != ')') {
      args.add(argument(depth));
      skipBlanks();
      while (peek() == ',') {
        pos++;
        skipBlanks();
        args.add(argument(depth));
        skipBlanks();
      }
    }
    expect(')');
    return new Term.Call(function, List.copyOf(args));
  }

  private Term argument(int depth) throws ExpressionSyntaxException {
    char c = peek();
    if (c == '\'') {
      return string();
    }
    if (c == '$') {
      return path();
    }
    if (c == '-' || isDigit(c)) {
      return number();
    }
    if (!isNameStart(c)) {
      throw error(c == END ? "unexpected end" : "unexpected character '" + c + "'");
    }
    int start = pos;
    String word = name();
    skipBlanks();
    if (peek() == '(') {
      pos = start;
      return call(depth + 1);
    }
    return switch (word) {
      case "true" -> new Term.Literal(BooleanNode.TRUE);
      case "false" -> new Term.Literal(BooleanNode.FALSE);
      case "null" -> new Term.Literal(NullNode.getInstance());
      default -> throw errorAt(start, "unknown argument '" + word + "'");
    };
  }

  private Term.Text string() throws ExpressionSyntaxException {
    int start = pos++;
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\'') {
        String raw = text.substring(start + 1, pos++);
        return new Term.Text(value.toString(), raw);
      }
      if (c == '\\') {
        if (pos + 1 == text.length()) {
          throw error("dangling backslash");
        }
        char escaped = text.charAt(pos + 1);
        if ("'{}\\".indexOf(escaped) < 0) {
          throw error("invalid escape '\\" + escaped + "'");
        }
        value.append(escaped);
        pos += 2;
      } else {
        value.append(c);
        pos++;
      }
    }
    throw errorAt(start, "unterminated string");
  }

  private Term.Literal number() throws ExpressionSyntaxException {
    Matcher matcher = NUMBER.matcher(text).region(pos, text.length());
    if (!matcher.lookingAt() || isNamePart(charAt(matcher.end())) || charAt(matcher.end()) == '.') {
      throw error("invalid number");
    }
    String token = matcher.group();
    try {
      pos = matcher.end();
      return new Term.Literal(Json.parse(token));
    } catch (JsonProcessingException e) {
      throw error("invalid number");
    }
  }

  private Term.PathArg path() throws ExpressionSyntaxException {
    int start = pos;
    int brackets = 0;
    int parens = 0;
    char quote = 0;
    for (; pos < text.length(); pos++) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == '\\') {
          pos++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if ((c == '\'' || c == '"') && brackets > 0) {
        quote = c;
      } else if (c == '[') {
        brackets++;
      } else if (c == ']') {
        brackets--;
      } else if (c == '(') {
        parens++;
      } else if (c == ')' && parens > 0) {
        parens--;
      } else if ((c == ',' || c == ')') && brackets <= 0) {
        break;
      }
    }
    pos = Math.min(pos, text.length());
    String pathText = text.substring(start, pos).stripTrailing();
    return new Term.PathArg(pathText, compilePath(pathText));
  }

  /** The one place path arguments are compiled. */
  private Expression compilePath(String pathText) throws ExpressionSyntaxException {
    try {
      return paths.compile(pathText);
    } catch (ExpressionSyntaxException e) {
      throw error("invalid path '" + pathText + "': " + e.getMessage());
    }
  }

  private String name() throws ExpressionSyntaxException {
    int start = pos;
    if (!isNameStart(peek())) {
      throw error("expected a function name");
    }
    while (isNamePart(peek()) || peek() == '.') {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void expect(char c) throws ExpressionSyntaxException {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipBlanks() {
    while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private char peek() {
    return charAt(pos);
  }

  private char charAt(int index) {
    return index < text.length() ? text.charAt(index) : END;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || isDigit(c);
  }

  private ExpressionSyntaxException error(String detail) {
    return errorAt(pos, detail);
  }

  private ExpressionSyntaxException errorAt(int at, String detail) {
    return new ExpressionSyntaxException(
        "The value for the field '"
            + field
            + "' is not a valid intrinsic function call: "
            + detail
            + " at position "
            + at
            + " of "
            + text);
  }
}
