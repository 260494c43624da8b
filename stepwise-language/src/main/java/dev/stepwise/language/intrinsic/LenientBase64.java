package dev.stepwise.language.intrinsic;

import java.io.ByteArrayOutputStream;

/**
 * The MIME (RFC 2045) Base64 decoding AWS applies in {@code States.Base64Decode}: characters
 * outside the alphabet are skipped, the first {@code =} ends the data, missing padding is
 * tolerated, and bits that do not fill a byte are dropped. So {@code ' YWJjZA== '}, {@code 'abc'}
 * and {@code 'ab==cd'} all decode instead of failing. Both the standard and the URL-safe alphabet
 * are read.
 */
final class LenientBase64 {
  private LenientBase64() {}

  static byte[] decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4);
    int bits = 0;
    int sextets = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=') {
        break;
      }
      int value = sextet(c);
      if (value < 0) {
        continue;
      }
      bits = (bits << 6) | value;
      if (++sextets == 4) {
        out.write(bits >> 16);
        out.write(bits >> 8);
        out.write(bits);
        bits = 0;
        sextets = 0;
      }
    }
    if (sextets == 2) {
      out.write(bits >> 4);
    } else if (sextets == 3) {
      out.write(bits >> 10);
      out.write(bits >> 2);
    }
    return out.toByteArray();
  }

  private static int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return switch (c) {
      case '+', '-' -> 62;
      case '/', '_' -> 63;
      default -> -1;
    };
  }
}
