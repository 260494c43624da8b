package dev.stepwise.security.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a principal asks to do: an action ({@code states:StartExecution}), the resource ARN it acts
 * on, and the request context that conditions read. Context keys are case-insensitive, as in IAM;
 * they are stored lower-cased. A key with no values counts as absent.
 */
public record Request(String action, String resource, Map<String, List<String>> context) {
  public Request {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(resource, "resource == null");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    context.forEach((key, values) -> copy.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
    context = Collections.unmodifiableMap(copy);
  }

  public static Request of(String action, String resource) {
    return new Request(action, resource, Map.of());
  }

  /** A copy with {@code key} set to {@code values} (replacing any values it had). */
  public Request with(String key, String... values) {
    Map<String, List<String>> copy = new LinkedHashMap<>(context);
    copy.put(key.toLowerCase(Locale.ROOT), List.of(values));
    return new Request(action, resource, copy);
  }

  /** The values of a context key (any case); empty when the key is absent. */
  public List<String> values(String key) {
    return context.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
  }
}
