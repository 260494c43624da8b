package dev.stepwise.observability.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} and {@code GET /ready}. Health says the process serves; readiness says it
 * should be sent work: every registered check passes (recovery at start has finished, and whatever
 * a deployment adds, e.g. a cluster's membership).
 */
public final class Readiness {
  /** A named condition; {@link #ready} is asked on every {@code GET /ready}. */
  public record Check(String name, BooleanSupplier ready) {}

  private final List<Check> checks = new CopyOnWriteArrayList<>();

  public Readiness add(String name, BooleanSupplier ready) {
    checks.add(new Check(name, ready));
    return this;
  }

  public boolean ready() {
    return checks.stream().allMatch(c -> c.ready().getAsBoolean());
  }

  /** The body of {@code /ready}: {@code {"status": "READY"|"NOT_READY", "checks": [...]}}. */
  public ObjectNode report() {
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = Json.NODES.arrayNode();
    boolean all = true;
    for (Check c : checks) {
      boolean ok = c.ready().getAsBoolean();
      all &= ok;
      list.addObject().put("name", c.name()).put("ready", ok);
    }
    o.put("status", all ? "READY" : "NOT_READY");
    o.set("checks", list);
    return o;
  }

  /** The body of {@code /health}. */
  public static ObjectNode health() {
    return Json.NODES.objectNode().put("status", "UP");
  }
}
