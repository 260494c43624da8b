package dev.stepwise.language.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/** {@code States.Base64Encode}, {@code States.Base64Decode} and {@code States.Hash}. */
final class EncodingFunctions {
  private EncodingFunctions() {}

  /** AWS's cap on the input of the Base64 and hash functions, in characters. */
  static final int MAX_INPUT_CHARS = 10_000;

  /** The algorithm names AWS accepts, spelled exactly so (case matters). */
  static final Set<String> HASH_ALGORITHMS =
      Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  static JsonNode base64Encode(Invocation call) {
    call.arity(1);
    String text = limited(call, call.string(0));
    return TextNode.valueOf(
        Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Decodes leniently, as AWS does: see {@link LenientBase64}. */
  static JsonNode base64Decode(Invocation call) {
    call.arity(1);
    String text = limited(call, call.string(0));
    return TextNode.valueOf(new String(LenientBase64.decode(text), StandardCharsets.UTF_8));
  }

  /** Lower-case hex digest of the UTF-8 data; AWS hashes non-string data by its printed form. */
  static JsonNode hash(Invocation call) {
    call.arity(2);
    String data = limited(call, call.value(0).text());
    JsonNode algorithm = call.node(1);
    if (!algorithm.isTextual() || !HASH_ALGORITHMS.contains(algorithm.textValue())) {
      throw call.invalid();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance(algorithm.textValue())
              .digest(data.getBytes(StandardCharsets.UTF_8));
      return TextNode.valueOf(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has " + algorithm.textValue(), e);
    }
  }

  private static String limited(Invocation call, String text) {
    if (text.length() > MAX_INPUT_CHARS) {
      throw call.invalid();
    }
    return text;
  }
}
