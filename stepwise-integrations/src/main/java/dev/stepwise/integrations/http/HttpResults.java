package dev.stepwise.integrations.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.language.json.Json;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP response as the HTTP Task's result: {@code {"Headers": {name: [values]}, "ResponseBody":
 * ..., "StatusCode": n, "StatusText": "..."}}, header names in lower case and a JSON body parsed.
 */
final class HttpResults {
  private HttpResults() {}

  static JsonNode output(HttpResponse<byte[]> response) throws TaskFailure {
    String contentType = response.headers().firstValue("content-type").orElse("");
    String mediaType = mediaType(contentType);
    // AWS: "An HTTP Task fails with the States.Runtime error if" the response is binary.
    if (mediaType.equals("application/octet-stream")
        || mediaType.startsWith("image/")
        || mediaType.startsWith("video/")
        || mediaType.startsWith("audio/")) {
      throw TaskFailure.runtime(
          "The HTTP Task cannot use the response: its Content-Type is '"
              + contentType
              + "', and only text responses are supported.");
    }
    String text = text(response.body(), charset(contentType));
    ObjectNode output = Json.NODES.objectNode();
    output.set("Headers", headers(response.headers().map()));
    output.set("ResponseBody", body(text, mediaType));
    output.put("StatusCode", response.statusCode());
    output.put("StatusText", ReasonPhrases.of(response.statusCode()));
    return output;
  }

  private static ObjectNode headers(Map<String, List<String>> headers) {
    Map<String, ArrayNode> byName = new TreeMap<>();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().startsWith(":")) {
        continue; // HTTP/2 pseudo-headers are not headers
      }
      ArrayNode values =
          byName.computeIfAbsent(
              header.getKey().toLowerCase(Locale.ROOT), k -> Json.NODES.arrayNode());
      header.getValue().forEach(values::add);
    }
    ObjectNode out = Json.NODES.objectNode();
    byName.forEach(out::set);
    return out;
  }

  private static JsonNode body(String text, String mediaType) {
    if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
      try {
        return Json.parse(text);
      } catch (JsonProcessingException e) {
        // Not JSON after all: kept as text.
      }
    }
    return Json.NODES.textNode(text);
  }

  private static String text(byte[] body, Charset charset) throws TaskFailure {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw TaskFailure.runtime(
          "The HTTP Task cannot use the response: its body is not valid " + charset + " text.");
    }
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private static Charset charset(String contentType) {
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        try {
          return Charset.forName(p.substring(8).replace("\"", "").trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
