package dev.stepwise.language.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON codec of Stepwise. Nodes handed between components are treated as immutable: code
 * that needs a changed document copies it ({@link JsonNode#deepCopy()}) and never mutates input.
 *
 * <p>Numbers follow AWS's (Jackson-based) engine: integers stay exact at any size, other numbers
 * are IEEE doubles, so {@code 1.50} reads back as {@code 1.5}.
 */
public final class Json {

  /** Nesting far beyond anything AWS accepts; Jackson's default (1,000) is too tight for inputs. */
  private static final int MAX_DEPTH = 100_000;

  /** The node factory every component uses to build documents. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // Configured once here and never reconfigured: an ObjectMapper is thread-safe in that use.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  // Executions run on virtual threads: a thread-local buffer pool would allocate
                  // fresh buffers for almost every call. One shared pool serves them all.
                  .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxStringLength(Integer.MAX_VALUE)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /**
   * Parses JSON text; throws {@link JsonProcessingException} with Jackson's message when invalid.
   */
  public static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** Parses text known to be JSON (literals in code and tests). */
  public static JsonNode parseTrusted(String text) {
    try {
      return parse(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + text, e);
    }
  }

  /** Compact JSON text, as AWS writes payloads into history and outputs. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The shared mapper, for adapters that need data binding (never reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
