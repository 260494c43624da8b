package dev.stepwise.observability.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --events-config} file: where status-change events go.
 *
 * <pre>{@code
 * {"sinks": [
 *   {"name": "ops", "type": "webhook", "url": "https://hooks.example.com/sfn",
 *    "headers": {"Authorization": "Bearer ..."}, "timeoutSeconds": 10,
 *    "retry": {"initialSeconds": 1, "maxSeconds": 300}},
 *   {"name": "audit", "type": "file", "path": "/var/log/stepwise/events.jsonl"}]}
 * }</pre>
 *
 * Every mistake is reported at start, naming the sink and the field; a webhook whose host name does
 * not resolve is a mistake, one that refuses connections is merely down (its events wait).
 */
public record EventsConfig(List<SinkSpec> sinks) {

  /** One sink as configured. */
  public sealed interface SinkSpec {
    String name();

    Backoff retry();
  }

  public record Webhook(
      String name, URI url, Map<String, String> headers, Duration timeout, Backoff retry)
      implements SinkSpec {}

  public record File(String name, Path path, Backoff retry) implements SinkSpec {}

  /** Exponential backoff between attempts: initial, doubled each time, at most max. */
  public record Backoff(Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    public Duration after(int failures) {
      long millis = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 30);
      return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
  }

  public List<String> names() {
    return sinks.stream().map(SinkSpec::name).toList();
  }

  /**
   * @throws IllegalArgumentException with a one-line reason naming the sink and field at fault
   */
  public static EventsConfig parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the file must hold a JSON object with \"sinks\"");
    }
    only(root, "the file", Set.of("sinks"));
    JsonNode list = root.path("sinks");
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("\"sinks\" must be a non-empty array");
    }
    List<SinkSpec> sinks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode s : list) {
      SinkSpec spec = sink(s, sinks.size());
      if (!names.add(spec.name())) {
        throw new IllegalArgumentException("two sinks are named '" + spec.name() + "'");
      }
      sinks.add(spec);
    }
    return new EventsConfig(List.copyOf(sinks));
  }

  private static SinkSpec sink(JsonNode s, int index) {
    if (!s.isObject()) {
      throw new IllegalArgumentException("sinks[" + index + "] must be an object");
    }
    String name = text(s, "name", "sinks[" + index + "]");
    if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException(
          "sink name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    String where = "sink '" + name + "'";
    String type = text(s, "type", where);
    Backoff retry = retry(s.get("retry"), where);
    switch (type) {
      case "webhook" -> {
        only(s, where, Set.of("name", "type", "url", "headers", "timeoutSeconds", "retry"));
        URI url = url(text(s, "url", where), where);
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = s.path("headers");
        if (!h.isMissingNode()) {
          if (!h.isObject()) {
            throw new IllegalArgumentException(
                where + ": \"headers\" must be an object of strings");
          }
          for (Map.Entry<String, JsonNode> e : h.properties()) {
            if (!e.getValue().isTextual()) {
              throw new IllegalArgumentException(
                  where + ": header '" + e.getKey() + "' must be a string");
            }
            headers.put(e.getKey(), e.getValue().asText());
          }
        }
        long timeout = seconds(s.get("timeoutSeconds"), where + ": \"timeoutSeconds\"", 10);
        if (timeout > 300) {
          throw new IllegalArgumentException(where + ": \"timeoutSeconds\" must be at most 300");
        }
        return new Webhook(name, url, headers, Duration.ofSeconds(timeout), retry);
      }
      case "file" -> {
        only(s, where, Set.of("name", "type", "path", "retry"));
        Path path = Path.of(text(s, "path", where)).toAbsolutePath();
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
          throw new IllegalArgumentException(
              where + ": the directory of " + path + " does not exist or is not writable");
        }
        return new File(name, path, retry);
      }
      default ->
          throw new IllegalArgumentException(
              where + ": \"type\" must be webhook or file, not '" + type + "'");
    }
  }

  private static URI url(String text, String where) {
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(where + ": \"url\" is not a URL: " + e.getReason());
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          where + ": \"url\" must be an http or https URL with a host");
    }
    try {
      InetAddress.getAllByName(url.getHost());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          where + ": the host of \"url\", " + url.getHost() + ", is not known");
    }
    return url;
  }

  private static Backoff retry(JsonNode r, String where) {
    if (r == null) {
      return Backoff.DEFAULT;
    }
    if (!r.isObject()) {
      throw new IllegalArgumentException(where + ": \"retry\" must be an object");
    }
    only(r, where + ": \"retry\"", Set.of("initialSeconds", "maxSeconds"));
    Duration initial = fraction(r.get("initialSeconds"), where + ": \"retry.initialSeconds\"", 1);
    Duration max = fraction(r.get("maxSeconds"), where + ": \"retry.maxSeconds\"", 300);
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          where + ": \"retry.maxSeconds\" must not be less than \"retry.initialSeconds\"");
    }
    return new Backoff(initial, max);
  }

  private static Duration fraction(JsonNode n, String what, double fallback) {
    if (n == null) {
      return Duration.ofMillis(Math.round(fallback * 1000));
    }
    if (!n.isNumber() || n.asDouble() <= 0 || n.asDouble() > 86_400) {
      throw new IllegalArgumentException(what + " must be a number of seconds above 0");
    }
    return Duration.ofMillis(Math.max(1, Math.round(n.asDouble() * 1000)));
  }

  private static long seconds(JsonNode n, String what, long fallback) {
    if (n == null) {
      return fallback;
    }
    if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 1) {
      throw new IllegalArgumentException(what + " must be a whole number of seconds, at least 1");
    }
    return n.asLong();
  }

  private static String text(JsonNode o, String field, String where) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" must be a non-empty string");
    }
    return v.asText();
  }

  private static void only(JsonNode o, String where, Set<String> allowed) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(where + ": unknown field \"" + f + "\"");
      }
    }
  }

  /** Opens the configured sinks (files are created now). */
  public List<EventSink> open() throws IOException {
    List<EventSink> out = new ArrayList<>();
    for (SinkSpec s : sinks) {
      out.add(
          switch (s) {
            case Webhook w -> new WebhookSink(w.name(), w.url(), w.headers(), w.timeout());
            case File f -> new FileSink(f.name(), f.path());
          });
    }
    return out;
  }
}
