package dev.stepwise.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pagination tokens, opaque to clients. Each names where the next page starts (the last item's
 * position, so items added or removed between calls neither repeat nor go missing), the request it
 * continues (a token given with other arguments is invalid, as AWS asks callers to keep them
 * unchanged), and when it was issued (AWS's tokens expire after 24 hours). Tokens are sealed with
 * AES-GCM under the store's key: their layout is not readable, and a token not issued by a server
 * of this store, or changed, is InvalidToken, never a 5xx.
 */
final class PageTokens {
  static final Duration LIFETIME = Duration.ofHours(24);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final InstantSource clock;
  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param key 32 bytes, the store's (see {@code ResourceStore.tokenKey})
   */
  PageTokens(InstantSource clock, byte[] key) {
    this.clock = clock;
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * @param request what identifies the request: the operation and every argument but the token
   * @param position where the next page starts
   */
  String issue(String request, String position) {
    String raw = fingerprint(request) + "\n" + clock.instant().toEpochMilli() + "\n" + position;
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(raw.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has AES-GCM", e);
    }
  }

  /**
   * The first {@code size} of {@code rest}; when more follow, puts a {@code nextToken} that
   * continues after the last one given into {@code response}.
   *
   * @param position where the next page starts after an item
   */
  <T> List<T> page(
      ObjectNode response,
      String request,
      List<T> rest,
      int size,
      Function<? super T, String> position) {
    if (rest.size() <= size) {
      return rest;
    }
    response.put("nextToken", issue(request, position.apply(rest.get(size - 1))));
    return rest.subList(0, size);
  }

  /**
   * The position a token continues from, or null for the first page.
   *
   * @throws ApiError InvalidToken for a token that is malformed, forged, expired, or from another
   *     request
   */
  String position(String request, String token) throws ApiError {
    if (token == null) {
      return null;
    }
    String[] parts;
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(token);
      if (bytes.length <= NONCE_BYTES) {
        throw invalid();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      byte[] raw = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      parts = new String(raw, StandardCharsets.UTF_8).split("\n", 3);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw invalid();
    }
    if (parts.length != 3 || !parts[0].equals(fingerprint(request))) {
      throw invalid();
    }
    long issued;
    try {
      issued = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      throw invalid();
    }
    if (Instant.ofEpochMilli(issued).plus(LIFETIME).isBefore(clock.instant())) {
      throw invalid();
    }
    return parts[2];
  }

  /**
   * A position read back by {@code parse}; a position this server cannot read (only a token of
   * another Stepwise version can carry one) is InvalidToken too.
   */
  static <T> T parsed(String position, Function<String, T> parse) throws ApiError {
    try {
      return parse.apply(position);
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static ApiError invalid() {
    // AWS's text, which does not echo the token
    // (test_list_state_machine_aliases_pagination_invalid_next_token).
    return ApiError.badRequest("InvalidToken", "Invalid Token: 'Invalid token'");
  }

  private static String fingerprint(String request) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
