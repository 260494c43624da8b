package dev.stepwise.language.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A definition's JSON syntax error as AWS reports it: Jackson's message and location, the location
 * being where the parser stood when it gave up. For an unrecognized token that is the end of the
 * token (recorded: {@code Unrecognized token 'not' ... column: 4} for {@code not a definition});
 * newer Jackson reports the token's start instead, so the column moves past the token.
 *
 * @param location Jackson's {@code [Source: ...; line: L, column: C]}, or null
 */
record JsonSyntaxError(String message, @Nullable String location) {
  private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("^Unrecognized token '(.*?)'");

  static JsonSyntaxError of(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    if (at == null) {
      return new JsonSyntaxError(e.getMessage(), null);
    }
    Matcher token = UNRECOGNIZED_TOKEN.matcher(e.getOriginalMessage());
    if (token.find() && at.getColumnNr() > 0) {
      int length = token.group(1).length();
      at =
          new JsonLocation(
              at.contentReference(),
              at.getByteOffset() < 0 ? -1 : at.getByteOffset() + length,
              at.getCharOffset() < 0 ? -1 : at.getCharOffset() + length,
              at.getLineNr(),
              at.getColumnNr() + length);
    }
    String location = at.toString();
    return new JsonSyntaxError(e.getOriginalMessage() + "\n at " + location, location);
  }
}
