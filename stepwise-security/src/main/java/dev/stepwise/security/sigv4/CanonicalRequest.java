package dev.stepwise.security.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * SigV4's canonical request, built the way AWS does for every service but S3: the path has its dot
 * segments removed and is URI-encoded once more (so {@code %20} becomes {@code %2520}), query
 * parameters are decoded, strictly re-encoded and sorted, and each signed header is written
 * lower-cased with its values trimmed, inner whitespace collapsed and several values joined by
 * commas.
 */
final class CanonicalRequest {
  private static final HexFormat HEX = HexFormat.of();
  private static final HexFormat HEX_UPPER = HEX.withUpperCase();
  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  private CanonicalRequest() {}

  static String build(HttpRequest request, List<String> signedHeaders, String payloadHash) {
    StringBuilder out = new StringBuilder();
    out.append(request.method()).append('\n');
    out.append(uri(request.rawPath())).append('\n');
    out.append(query(request.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      out.append(name).append(':').append(headerValue(request.headerValues(name))).append('\n');
    }
    out.append('\n');
    out.append(String.join(";", signedHeaders)).append('\n');
    out.append(payloadHash);
    return out.toString();
  }

  static String uri(String rawPath) {
    String path = rawPath.isEmpty() ? "/" : removeDotSegments(rawPath);
    return encode(path, true);
  }

  static String query(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      pairs.add(new String[] {encode(decode(name), false), encode(decode(value), false)});
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
  }

  static String headerValue(List<String> values) {
    return values.stream()
        .map(v -> WHITESPACE.matcher(v.strip()).replaceAll(" "))
        .collect(Collectors.joining(","));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** RFC 3986 remove_dot_segments, keeping the leading and any trailing slash. */
  private static String removeDotSegments(String path) {
    if (!path.contains(".")) {
      return path;
    }
    String[] segments = path.split("/", -1);
    Deque<String> out = new ArrayDeque<>();
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      boolean last = i == segments.length - 1;
      if (s.equals(".") || s.equals("..")) {
        if (s.equals("..") && out.size() > 1) {
          out.removeLast();
        }
        if (last) {
          out.addLast("");
        }
      } else {
        out.addLast(s);
      }
    }
    String joined = String.join("/", out);
    return joined.startsWith("/") ? joined : "/" + joined;
  }

  /** Percent-decoding only: a {@code +} stays a plus sign. */
  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) == '%'
          && i + 2 < s.length()
          && isHex(s.charAt(i + 1))
          && isHex(s.charAt(i + 2))) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        i += Character.charCount(cp);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** SigV4's URI encoding: everything but unreserved characters (and slashes, if kept). */
  private static String encode(String s, boolean keepSlashes) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (keepSlashes && c == '/')) {
        out.append(c);
      } else {
        out.append('%').append(HEX_UPPER.toHexDigits(b));
      }
    }
    return out.toString();
  }
}
