package dev.stepwise.security.policy;

/** IAM's wildcard matching: {@code *} matches any run of characters, {@code ?} any one. */
final class Wildcard {
  private Wildcard() {}

  static boolean matches(String pattern, String text, boolean ignoreCase) {
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && pattern.charAt(p) != '*'
          && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = p++;
        starT = t;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /**
   * ArnLike/ArnEquals: each of the six colon-delimited parts is matched on its own (the last part,
   * the resource, keeps its colons). A pattern or value that is not a six-part ARN is matched
   * whole.
   */
  static boolean matchesArn(String pattern, String arn) {
    String[] p = pattern.split(":", 6);
    String[] a = arn.split(":", 6);
    if (p.length != 6 || a.length != 6) {
      return matches(pattern, arn, false);
    }
    for (int i = 0; i < 6; i++) {
      if (!matches(p[i], a[i], false)) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b
        || (ignoreCase
            && (Character.toLowerCase(a) == Character.toLowerCase(b)
                || Character.toUpperCase(a) == Character.toUpperCase(b)));
  }
}
