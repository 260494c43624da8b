package dev.stepwise.security.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an HTTP request that SigV4 covers, as received.
 *
 * @param rawPath the path as on the request line, still percent-encoded (e.g. {@code /})
 * @param rawQuery the query string as on the request line, still percent-encoded, or null
 * @param headers every header with all its values; names are case-insensitive (lookups and the
 *     record's map alike)
 * @param body the request body (an empty array for none); not copied
 */
public record HttpRequest(
    String method,
    String rawPath,
    @Nullable String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {
  public HttpRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(rawPath, "rawPath == null");
    Objects.requireNonNull(body, "body == null");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    copy.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first value of a header (any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every value of a header (any case); empty when absent. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name, List.of());
  }
}
