package dev.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.language.json.Json;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;

/**
 * Placeholder results for mock files ({@code bin/stepwise mocks}): for the optimized integrations
 * the members AWS documents, for an {@code aws-sdk:*} action every top-level member of the SDK's
 * response model with an empty value of its type.
 */
public final class ResultSkeletons {
  private ResultSkeletons() {}

  /** The placeholder result of a request-response task on {@code resource}, if it is AWS's. */
  public static Optional<JsonNode> of(Resource resource) {
    String type = resource.resourceType();
    String action = AwsSdkTasks.actionName(resource);
    if (OptimizedTasks.knows(type, action, false)) {
      return Optional.of(Json.parseTrusted(optimized(action)));
    }
    if (!type.startsWith(AwsSdkTasks.PREFIX)) {
      return Optional.empty();
    }
    return AwsServices.of(type.substring(AwsSdkTasks.PREFIX.length()))
        .flatMap(s -> SdkAction.find(s, action))
        .map(ResultSkeletons::sdk);
  }

  private static String optimized(String action) {
    return switch (action) {
      case "sendMessage" -> "{\"MD5OfMessageBody\": \"\", \"MessageId\": \"\"}";
      case "publish" -> "{\"MessageId\": \"\"}";
      case "getItem" -> "{\"Item\": {}}";
      case "updateItem" -> "{\"Attributes\": {}}";
      case "putEvents" -> "{\"Entries\": [{\"EventId\": \"\"}], \"FailedEntryCount\": 0}";
      default -> "{}";
    };
  }

  private static JsonNode sdk(SdkAction action) {
    ObjectNode out = Json.NODES.objectNode();
    String request = action.requestType().getName();
    try {
      Class<?> responseType =
          Class.forName(request.substring(0, request.length() - "Request".length()) + "Response");
      SdkPojo builder = (SdkPojo) responseType.getMethod("builder").invoke(null);
      for (SdkField<?> field : builder.sdkFields()) {
        out.set(field.memberName(), empty(field.marshallingType().getKnownType()));
      }
    } catch (ReflectiveOperationException | ClassCastException e) {
      // No response model by that name: the user writes the result.
    }
    if (action.kind() == SdkAction.Kind.DOWNLOAD) {
      out.put(SdkCalls.BODY, "");
    }
    return out;
  }

  private static JsonNode empty(MarshallingKnownType type) {
    if (type == null) {
      return Json.NODES.nullNode();
    }
    return switch (type) {
      case STRING, SDK_BYTES -> Json.NODES.textNode("");
      case INTEGER, LONG, SHORT, BYTE, FLOAT, DOUBLE, BIG_DECIMAL -> Json.NODES.numberNode(0);
      case BOOLEAN -> Json.NODES.booleanNode(false);
      case INSTANT -> Json.NODES.textNode("1970-01-01T00:00:00Z");
      case LIST -> Json.NODES.arrayNode();
      case SDK_POJO, MAP -> Json.NODES.objectNode();
      default -> Json.NODES.nullNode();
    };
  }
}
