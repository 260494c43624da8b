package dev.stepwise.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Task tokens: base64url of {@code executionArn#frame#nonce}, so a token routes itself. */
public final class TaskTokens {
  private TaskTokens() {}

  /** The execution a token belongs to, or null when it is not a Stepwise token. */
  public static @Nullable String executionArn(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int hash = raw.indexOf('#');
      return hash > 0 && raw.startsWith("arn:") ? raw.substring(0, hash) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
