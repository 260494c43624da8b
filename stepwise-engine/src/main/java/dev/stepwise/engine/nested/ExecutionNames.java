package dev.stepwise.engine.nested;

/** AWS's rules for state machine, execution, activity and alias names. */
public final class ExecutionNames {
  private ExecutionNames() {}

  /** 1–80 characters; no whitespace, brackets, wildcards, special or control characters. */
  public static boolean valid(String name) {
    int length = name.codePointCount(0, name.length());
    if (length < 1 || length > 80) {
      return false;
    }
    return name.codePoints()
        .noneMatch(
            c ->
                Character.isWhitespace(c)
                    || "<>{}[]?*\"#%\\^|~`$&,;:/".indexOf(c) >= 0
                    || c <= 0x1f
                    || (c >= 0x7f && c <= 0x9f)
                    || c == 0xfffe
                    || c == 0xffff
                    || (c >= 0xd800 && c <= 0xdfff)
                    || c == 0x10ffff);
  }
}
