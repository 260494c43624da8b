package dev.stepwise.security.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An IAM identity-based policy document, validated when it is read.
 *
 * @param name the policy's name (a role's {@code PolicyName}), or null for an anonymous document
 * @param version {@code Version}; {@code 2008-10-17} when the document has none, as in IAM
 * @param document the document as given, returned by {@link #toJson()}
 */
public record Policy(
    @Nullable String name,
    String version,
    @Nullable String id,
    List<Statement> statements,
    ObjectNode document) {

  /** The current policy language version. */
  public static final String VERSION_2012 = "2012-10-17";

  /** The original version, which IAM assumes when {@code Version} is absent. */
  public static final String VERSION_2008 = "2008-10-17";

  public Policy {
    statements = List.copyOf(statements);
    document = document.deepCopy();
  }

  /**
   * Parses a policy document.
   *
   * @throws MalformedPolicyDocumentException naming the offending element
   */
  public static Policy parse(String json) {
    JsonNode node;
    try {
      node = Json.parse(json);
    } catch (JsonProcessingException e) {
      throw new MalformedPolicyDocumentException(
          "The policy is not valid JSON: " + e.getOriginalMessage());
    }
    return fromJson(null, node);
  }

  /**
   * Reads a policy document that is already JSON.
   *
   * @throws MalformedPolicyDocumentException naming the offending element
   */
  public static Policy fromJson(@Nullable String name, JsonNode document) {
    return PolicyParser.parse(name, document);
  }

  /** The document, as it was given. */
  public ObjectNode toJson() {
    return document.deepCopy();
  }
}
