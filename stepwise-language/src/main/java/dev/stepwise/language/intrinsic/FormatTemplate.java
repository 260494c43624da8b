package dev.stepwise.language.intrinsic;

import java.util.List;

/**
 * The template language of {@code States.Format}: {@code {}} is a placeholder, a backslash takes
 * the next character literally (so {@code \{} and {@code \}} print braces), and any other brace is
 * an error, as on AWS ({@code 'Hello {'} and {@code '}'} fail when evaluated).
 */
final class FormatTemplate {
  private FormatTemplate() {}

  /** Fills the placeholders in order; the number of values must match exactly. */
  static String fill(String template, List<String> values, Invocation call) {
    StringBuilder out = new StringBuilder(template.length());
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '\\' && i + 1 < template.length()) {
        out.append(template.charAt(++i));
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        if (next == values.size()) {
          throw call.invalid();
        }
        out.append(values.get(next++));
        i++;
      } else if (c == '{' || c == '}') {
        throw call.invalid();
      } else {
        out.append(c);
      }
    }
    if (next != values.size()) {
      throw call.invalid();
    }
    return out.toString();
  }
}
