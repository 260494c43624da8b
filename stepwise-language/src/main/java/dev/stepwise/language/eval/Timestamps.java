package dev.stepwise.language.eval;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS's timestamp profile of ISO 8601 / RFC 3339: uppercase {@code T} between date and time, a
 * {@code Z} or a numeric offset, optional fractional seconds (e.g. {@code 2016-03-14T01:59:00Z}).
 */
public final class Timestamps {
  private Timestamps() {}

  private static final Pattern SHAPE =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

  public static Optional<Instant> parse(String text) {
    if (!SHAPE.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
