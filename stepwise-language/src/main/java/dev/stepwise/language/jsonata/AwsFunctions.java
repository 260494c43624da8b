package dev.stepwise.language.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stepwise.language.eval.Randomness;
import dev.stepwise.language.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The functions Step Functions adds to JSONata ({@code $partition}, {@code $range}, {@code $hash},
 * {@code $random}, {@code $uuid}, {@code $parse}) and the ones it disables ({@code $eval}).
 */
final class AwsFunctions {
  private AwsFunctions() {}

  private static final Map<String, String> ALGORITHMS =
      Map.of(
          "MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512",
          "SHA-512");

  /** The names {@link #bind} binds. */
  static final java.util.Set<String> NAMES =
      java.util.Set.of("partition", "range", "hash", "random", "uuid", "parse", "eval", "number");

  static void bind(Jsonata.Frame frame, Randomness randomness) {
    frame.bind("partition", new Jsonata.JFunction(AwsFunctions::partition, "<an:a>"));
    frame.bind("range", new Jsonata.JFunction(AwsFunctions::range, "<nnn?:a>"));
    frame.bind("hash", new Jsonata.JFunction(AwsFunctions::hash, "<ss:s>"));
    frame.bind(
        "random",
        new Jsonata.JFunction(
            (input, args) ->
                args.isEmpty() || args.get(0) == null
                    ? randomness.nextDouble()
                    : new Random(((Number) args.get(0)).longValue()).nextDouble(),
            "<n?:n>"));
    frame.bind(
        "uuid", new Jsonata.JFunction((input, args) -> randomness.uuid().toString(), "<:s>"));
    frame.bind("parse", new Jsonata.JFunction(AwsFunctions::parse, "<s:x>"));
    frame.bind("number", new Jsonata.JFunction(AwsFunctions::number, "<(nsb)-:n>"));
    frame.bind(
        "eval",
        new Jsonata.JFunction(
            (input, args) -> {
              throw new JException("D3050", -1, "$eval is not supported by Step Functions");
            },
            "<x-o?:x>"));
  }

  private static Object partition(Object input, List<?> args) {
    List<?> array = (List<?>) args.get(0);
    int size = ((Number) args.get(1)).intValue();
    if (size <= 0) {
      throw new JException("D3020", -1, "The partition size must be a positive integer");
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i += size) {
      out.add(new ArrayList<>(array.subList(i, Math.min(array.size(), i + size))));
    }
    return out;
  }

  private static Object range(Object input, List<?> args) {
    long start = ((Number) args.get(0)).longValue();
    long end = ((Number) args.get(1)).longValue();
    long step = args.size() > 2 && args.get(2) != null ? ((Number) args.get(2)).longValue() : 1;
    if (step == 0) {
      throw new JException("D3020", -1, "The step of $range must not be zero");
    }
    List<Object> out = new ArrayList<>();
    for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
      out.add(v);
      if (out.size() > 1000) {
        throw new JException("D3020", -1, "$range produces at most 1000 items");
      }
    }
    return out;
  }

  private static Object hash(Object input, List<?> args) {
    String data = String.valueOf(args.get(0));
    String algorithm = ALGORITHMS.get(String.valueOf(args.get(1)));
    if (algorithm == null) {
      throw new JException(
          "D3020", -1, "The hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK provides " + algorithm, e);
    }
  }

  private static final java.util.regex.Pattern RADIX =
      java.util.regex.Pattern.compile("0([xXoObB])([0-9A-Fa-f]+)");

  /**
   * JSONata 2.0 (AWS's) also reads {@code 0x}, {@code 0o} and {@code 0b} numbers; the library's 1.8
   * semantics knows only hexadecimal.
   */
  private static Object number(Object input, List<?> args) {
    Object arg = args.isEmpty() ? null : args.get(0);
    if (arg instanceof String text) {
      java.util.regex.Matcher m = RADIX.matcher(text);
      if (m.matches()) {
        int radix =
            switch (Character.toLowerCase(m.group(1).charAt(0))) {
              case 'x' -> 16;
              case 'o' -> 8;
              default -> 2;
            };
        try {
          return Long.parseLong(m.group(2), radix);
        } catch (NumberFormatException e) {
          throw new JException("D3030", -1, text);
        }
      }
    }
    try {
      return com.dashjoin.jsonata.Functions.number(arg);
    } catch (NumberFormatException e) {
      throw new JException("D3030", -1, arg);
    }
  }

  private static Object parse(Object input, List<?> args) {
    try {
      Object value = JsonataValues.toJsonata(Json.parse(String.valueOf(args.get(0))));
      return value == null ? Jsonata.NULL_VALUE : value;
    } catch (JsonProcessingException e) {
      throw new JException("D3020", -1, "The argument of $parse is not JSON");
    }
  }
}
