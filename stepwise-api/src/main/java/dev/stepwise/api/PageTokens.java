package dev.stepwise.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Pagination tokens, opaque to clients. Each names where the next page starts (the last item's
 * position, so items added or removed between calls neither repeat nor go missing), the request it
 * continues (a token given with other arguments is invalid, as AWS asks callers to keep them
 * unchanged), and when it was issued (AWS's tokens expire after 24 hours).
 */
final class PageTokens {
  static final Duration LIFETIME = Duration.ofHours(24);

  private final InstantSource clock;

  PageTokens(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * @param request what identifies the request: the operation and every argument but the token
   * @param position where the next page starts
   */
  String issue(String request, String position) {
    String raw = fingerprint(request) + "\n" + clock.instant().toEpochMilli() + "\n" + position;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
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
   * @throws ApiError InvalidToken for a token that is malformed, expired, or from another request
   */
  String position(String request, String token) throws ApiError {
    if (token == null) {
      return null;
    }
    String[] parts;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 3);
    } catch (IllegalArgumentException e) {
      throw invalid(token);
    }
    if (parts.length != 3 || !parts[0].equals(fingerprint(request))) {
      throw invalid(token);
    }
    long issued;
    try {
      issued = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      throw invalid(token);
    }
    if (Instant.ofEpochMilli(issued).plus(LIFETIME).isBefore(clock.instant())) {
      throw invalid(token);
    }
    return parts[2];
  }

  private static ApiError invalid(String token) {
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
