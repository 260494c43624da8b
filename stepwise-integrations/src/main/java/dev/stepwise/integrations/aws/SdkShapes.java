package dev.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Requests from JSON and responses to JSON, driven by the SDK's own model: each structure's {@link
 * SdkField}s give every member's name (as the API names it, in PascalCase, the names Step Functions
 * uses for parameters and results) and its type. No per-action code.
 *
 * <p>Blobs are text (AWS: the SDK integration's Lambda {@code Payload} is "escaped JSON"), base64
 * where the bytes are not UTF-8 text; timestamps are ISO-8601 text (epoch seconds are also read).
 */
final class SdkShapes {
  private SdkShapes() {}

  /** A value that does not fit the model: the path of the member and what was wrong. */
  static final class ShapeException extends Exception {
    private static final long serialVersionUID = 1L;

    ShapeException(String message) {
      super(message, null, false, false);
    }
  }

  /** Sets {@code json}'s members on {@code builder} (a request's or structure's builder). */
  static void fill(SdkPojo builder, JsonNode json, String path) throws ShapeException {
    if (!json.isObject()) {
      throw new ShapeException("The value at '" + path + "' must be a JSON object.");
    }
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    for (SdkField<?> field : builder.sdkFields()) {
      fields.put(field.memberName(), field);
    }
    for (Map.Entry<String, JsonNode> member : json.properties()) {
      SdkField<?> field = fields.get(member.getKey());
      String at = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
      if (field == null) {
        throw new ShapeException(
            "The field '"
                + at
                + "' is not supported by this API. Supported fields: "
                + names(fields));
      }
      if (!member.getValue().isNull()) {
        field.set(builder, value(field, member.getValue(), at));
      }
    }
  }

  private static String names(Map<String, SdkField<?>> fields) {
    return String.join(", ", fields.keySet());
  }

  private static Object value(SdkField<?> field, JsonNode json, String at) throws ShapeException {
    MarshallingKnownType type = field.marshallingType().getKnownType();
    if (type == null) {
      throw new ShapeException("The field '" + at + "' has a type Stepwise cannot write.");
    }
    return switch (type) {
      case STRING -> text(json, at);
      case INTEGER -> integral(json, at, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
      case LONG -> integral(json, at, Long.MIN_VALUE, Long.MAX_VALUE);
      case SHORT -> (short) integral(json, at, Short.MIN_VALUE, Short.MAX_VALUE).intValue();
      case BYTE -> (byte) integral(json, at, Byte.MIN_VALUE, Byte.MAX_VALUE).intValue();
      case FLOAT -> (float) number(json, at).doubleValue();
      case DOUBLE -> number(json, at).doubleValue();
      case BIG_DECIMAL -> number(json, at);
      case BOOLEAN -> {
        if (!json.isBoolean()) {
          throw new ShapeException("The field '" + at + "' must be a boolean.");
        }
        yield json.booleanValue();
      }
      case INSTANT -> instant(json, at);
      case SDK_BYTES -> SdkBytes.fromByteArray(bytes(json));
      case SDK_POJO -> {
        SdkPojo nested = field.constructor().get();
        fill(nested, json, at);
        yield ((SdkBuilder<?, ?>) nested).build();
      }
      case LIST -> {
        if (!json.isArray()) {
          throw new ShapeException("The field '" + at + "' must be a JSON array.");
        }
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
          out.add(json.get(i).isNull() ? null : value(member, json.get(i), at + "[" + i + "]"));
        }
        yield out;
      }
      case MAP -> {
        if (!json.isObject()) {
          throw new ShapeException("The field '" + at + "' must be a JSON object.");
        }
        SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : json.properties()) {
          out.put(
              e.getKey(),
              e.getValue().isNull() ? null : value(member, e.getValue(), at + "." + e.getKey()));
        }
        yield out;
      }
      case DOCUMENT -> document(json);
      default ->
          throw new ShapeException("The field '" + at + "' has a type Stepwise cannot write.");
    };
  }

  /**
   * A blob's bytes: a string's UTF-8 bytes (Lambda's {@code Payload}, a secret), any other value's
   * JSON text; a string that is base64 of bytes that are not UTF-8 text is decoded, so that binary
   * a result gave (a KMS ciphertext) goes back as it came.
   */
  private static byte[] bytes(JsonNode json) {
    if (!json.isTextual()) {
      return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }
    String text = json.textValue();
    try {
      byte[] decoded = Base64.getDecoder().decode(text);
      if (!isUtf8(decoded)) {
        return decoded;
      }
    } catch (IllegalArgumentException notBase64) {
      // Text, sent as it is.
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A blob as a result shows it: its text when it is UTF-8 text, else base64. */
  private static String blob(byte[] bytes) {
    return isUtf8(bytes)
        ? new String(bytes, StandardCharsets.UTF_8)
        : Base64.getEncoder().encodeToString(bytes);
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String text(JsonNode json, String at) throws ShapeException {
    if (!json.isTextual()) {
      throw new ShapeException("The field '" + at + "' must be a string.");
    }
    return json.textValue();
  }

  private static Long integral(JsonNode json, String at, long min, long max) throws ShapeException {
    if (!json.isIntegralNumber() || !json.canConvertToLong()) {
      throw new ShapeException("The field '" + at + "' must be an integer.");
    }
    long v = json.longValue();
    if (v < min || v > max) {
      throw new ShapeException("The field '" + at + "' is out of range.");
    }
    return v;
  }

  private static BigDecimal number(JsonNode json, String at) throws ShapeException {
    if (!json.isNumber()) {
      throw new ShapeException("The field '" + at + "' must be a number.");
    }
    return json.decimalValue();
  }

  private static Instant instant(JsonNode json, String at) throws ShapeException {
    if (json.isNumber()) {
      BigDecimal seconds = json.decimalValue();
      return Instant.ofEpochSecond(
          seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
    try {
      return OffsetDateTime.parse(text(json, at)).toInstant();
    } catch (DateTimeParseException e) {
      throw new ShapeException("The field '" + at + "' must be an ISO-8601 timestamp.");
    }
  }

  private static Document document(JsonNode json) {
    if (json.isObject()) {
      Map<String, Document> map = new LinkedHashMap<>();
      json.properties().forEach(e -> map.put(e.getKey(), document(e.getValue())));
      return Document.fromMap(map);
    }
    if (json.isArray()) {
      List<Document> list = new ArrayList<>();
      json.forEach(e -> list.add(document(e)));
      return Document.fromList(list);
    }
    if (json.isTextual()) {
      return Document.fromString(json.textValue());
    }
    if (json.isBoolean()) {
      return Document.fromBoolean(json.booleanValue());
    }
    if (json.isNumber()) {
      return Document.fromNumber(json.decimalValue());
    }
    return Document.fromNull();
  }

  /** A response or structure as JSON: its set members, by their API names. */
  static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode out = Json.NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      JsonNode json = json(field, value);
      if (json != null) {
        out.set(field.memberName(), json);
      }
    }
    return out;
  }

  private static JsonNode json(SdkField<?> field, Object value) {
    if (value == null
        || value instanceof SdkAutoConstructList<?>
        || value instanceof SdkAutoConstructMap<?, ?>) {
      return null;
    }
    return switch (value) {
      case String s -> Json.NODES.textNode(s);
      case Integer i -> Json.NODES.numberNode(i);
      // As a parsed document holds it, so that results compare equal to parsed JSON.
      case Long l ->
          l == l.intValue() ? Json.NODES.numberNode(l.intValue()) : Json.NODES.numberNode(l);
      case Short s -> Json.NODES.numberNode(s);
      case Byte b -> Json.NODES.numberNode(b);
      case Float f -> Json.NODES.numberNode(f);
      case Double d -> Json.NODES.numberNode(d);
      case BigDecimal d -> Json.NODES.numberNode(d);
      case Boolean b -> Json.NODES.booleanNode(b);
      case Instant t -> Json.NODES.textNode(t.toString());
      case SdkBytes b -> Json.NODES.textNode(blob(b.asByteArray()));
      case SdkPojo p -> toJson(p);
      case List<?> list -> {
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        ArrayNode out = Json.NODES.arrayNode();
        for (Object item : list) {
          JsonNode j = json(member, item);
          out.add(j == null ? Json.NODES.nullNode() : j);
        }
        yield out;
      }
      case Map<?, ?> map -> {
        SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        ObjectNode out = Json.NODES.objectNode();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          JsonNode j = json(member, e.getValue());
          out.set(String.valueOf(e.getKey()), j == null ? Json.NODES.nullNode() : j);
        }
        yield out;
      }
      case Document d -> document(d);
      default -> Json.NODES.textNode(value.toString());
    };
  }

  private static JsonNode document(Document d) {
    if (d.isMap()) {
      ObjectNode out = Json.NODES.objectNode();
      d.asMap().forEach((k, v) -> out.set(k, document(v)));
      return out;
    }
    if (d.isList()) {
      ArrayNode out = Json.NODES.arrayNode();
      d.asList().forEach(v -> out.add(document(v)));
      return out;
    }
    if (d.isString()) {
      return Json.NODES.textNode(d.asString());
    }
    if (d.isBoolean()) {
      return Json.NODES.booleanNode(d.asBoolean());
    }
    if (d.isNumber()) {
      SdkNumber n = d.asNumber();
      return Json.NODES.numberNode(n.bigDecimalValue());
    }
    return Json.NODES.nullNode();
  }
}
