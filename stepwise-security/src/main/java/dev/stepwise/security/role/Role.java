package dev.stepwise.security.role;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import dev.stepwise.security.policy.Policy;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An IAM role: a name, its ARN and its (inline) identity-based policies, each with a name.
 *
 * @param arn e.g. {@code arn:aws:iam::123456789012:role/OrderProcessor}
 */
public record Role(String name, String arn, List<Policy> policies) {
  public Role {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(arn, "arn == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a role name must not be blank");
    }
    if (!arn.startsWith("arn:")) {
      throw new IllegalArgumentException("not an ARN: " + arn);
    }
    policies = List.copyOf(policies);
    Set<String> names = new HashSet<>();
    for (Policy policy : policies) {
      if (policy.name() == null) {
        throw new IllegalArgumentException("role " + name + ": every policy needs a name");
      }
      if (!names.add(policy.name())) {
        throw new IllegalArgumentException(
            "role " + name + ": duplicate policy name " + policy.name());
      }
    }
  }

  /** The role as it appears in the configuration file's {@code Roles} list. */
  public ObjectNode toJson() {
    ObjectNode node = Json.NODES.objectNode();
    node.put("RoleName", name);
    node.put("Arn", arn);
    ArrayNode list = node.putArray("Policies");
    for (Policy policy : policies) {
      ObjectNode p = list.addObject();
      p.put("PolicyName", policy.name());
      p.set("PolicyDocument", policy.toJson());
    }
    return node;
  }
}
