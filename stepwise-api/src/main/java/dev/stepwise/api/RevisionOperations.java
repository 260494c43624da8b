package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StateMachineAlias;
import dev.stepwise.engine.service.StateMachineVersion;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.language.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * State machine versions and aliases: Publish/List/DeleteStateMachineVersion,
 * Create/Describe/Update/Delete/ListStateMachineAliases.
 */
final class RevisionOperations {
  private final StepFunctionsService service;
  private final PageTokens tokens;

  RevisionOperations(StepFunctionsService service, PageTokens tokens) {
    this.service = service;
    this.tokens = tokens;
  }

  void register(Map<String, Operations.Operation> table) {
    table.put("PublishStateMachineVersion", this::publishStateMachineVersion);
    table.put("ListStateMachineVersions", this::listStateMachineVersions);
    table.put("DeleteStateMachineVersion", this::deleteStateMachineVersion);
    table.put("CreateStateMachineAlias", this::createStateMachineAlias);
    table.put("DescribeStateMachineAlias", this::describeStateMachineAlias);
    table.put("UpdateStateMachineAlias", this::updateStateMachineAlias);
    table.put("DeleteStateMachineAlias", this::deleteStateMachineAlias);
    table.put("ListStateMachineAliases", this::listStateMachineAliases);
  }

  private JsonNode publishStateMachineVersion(Request r) throws ApiError, ServiceException {
    StepFunctionsService.Published p =
        service
            .revisions()
            .publish(
                r.required("stateMachineArn"), r.optional("revisionId"), r.optional("description"));
    ObjectNode o = Json.NODES.objectNode();
    o.put("creationDate", HistoryJson.epochSeconds(p.creationDate()));
    o.put("stateMachineVersionArn", p.versionArn());
    return o;
  }

  private JsonNode listStateMachineVersions(Request r) throws ApiError, ServiceException {
    String arn = r.required("stateMachineArn");
    int size = r.pageSize();
    String request = "ListStateMachineVersions\n" + arn;
    String after = tokens.position(request, r.optional("nextToken"));
    long below = after == null ? Long.MAX_VALUE : PageTokens.parsed(after, Long::parseLong);
    List<StateMachineVersion> rest =
        service.revisions().list(arn).stream().filter(v -> v.number() < below).toList();
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("stateMachineVersions");
    for (StateMachineVersion v : tokens.page(o, request, rest, size, last -> "" + last.number())) {
      ObjectNode item = list.addObject();
      item.put("stateMachineVersionArn", v.arn());
      item.put("creationDate", HistoryJson.epochSeconds(v.creationDate()));
    }
    return o;
  }

  private JsonNode deleteStateMachineVersion(Request r) throws ApiError, ServiceException {
    service.revisions().delete(r.required("stateMachineVersionArn"));
    return Json.NODES.objectNode();
  }

  private JsonNode createStateMachineAlias(Request r) throws ApiError, ServiceException {
    // The name's length and pattern (never a version number) are the model's to check.
    String name = r.required("name");
    StateMachineAlias alias =
        service.revisions().createAlias(name, r.optional("description"), routing(r, true));
    ObjectNode o = Json.NODES.objectNode();
    o.put("stateMachineAliasArn", alias.arn());
    o.put("creationDate", HistoryJson.epochSeconds(alias.creationDate()));
    return o;
  }

  /** {@code routingConfiguration}: version ARNs and weights (1–2 entries, 0–100, by the model). */
  private static List<StateMachineAlias.Route> routing(Request r, boolean required)
      throws ApiError {
    JsonNode list = r.array("routingConfiguration", required);
    if (list == null) {
      return null;
    }
    List<StateMachineAlias.Route> routes = new ArrayList<>();
    for (JsonNode item : list) {
      routes.add(
          new StateMachineAlias.Route(
              item.path("stateMachineVersionArn").asText(), item.path("weight").asInt()));
    }
    return routes;
  }

  private JsonNode describeStateMachineAlias(Request r) throws ApiError, ServiceException {
    StateMachineAlias a = service.revisions().describeAlias(r.required("stateMachineAliasArn"));
    ObjectNode o = Json.NODES.objectNode();
    o.put("stateMachineAliasArn", a.arn());
    o.put("name", a.name());
    if (a.description() != null) {
      o.put("description", a.description());
    }
    ArrayNode routing = o.putArray("routingConfiguration");
    for (StateMachineAlias.Route route : a.routing()) {
      ObjectNode item = routing.addObject();
      item.put("stateMachineVersionArn", route.stateMachineVersionArn());
      item.put("weight", route.weight());
    }
    o.put("creationDate", HistoryJson.epochSeconds(a.creationDate()));
    o.put("updateDate", HistoryJson.epochSeconds(a.updateDate()));
    return o;
  }

  private JsonNode updateStateMachineAlias(Request r) throws ApiError, ServiceException {
    java.time.Instant updated =
        service
            .revisions()
            .updateAlias(
                r.required("stateMachineAliasArn"), r.optional("description"), routing(r, false));
    ObjectNode o = Json.NODES.objectNode();
    o.put("updateDate", HistoryJson.epochSeconds(updated));
    return o;
  }

  private JsonNode deleteStateMachineAlias(Request r) throws ApiError, ServiceException {
    service.revisions().deleteAlias(r.required("stateMachineAliasArn"));
    return Json.NODES.objectNode();
  }

  private JsonNode listStateMachineAliases(Request r) throws ApiError, ServiceException {
    String arn = r.required("stateMachineArn");
    int size = r.pageSize();
    String request = "ListStateMachineAliases\n" + arn;
    String token = tokens.position(request, r.optional("nextToken"));
    AliasPosition after = token == null ? null : PageTokens.parsed(token, AliasPosition::parse);
    List<StateMachineAlias> rest =
        service.revisions().listAliases(arn).stream()
            .filter(a -> after == null || after.before(a))
            .toList();
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("stateMachineAliases");
    for (StateMachineAlias a : tokens.page(o, request, rest, size, RevisionOperations::position)) {
      ObjectNode item = list.addObject();
      item.put("stateMachineAliasArn", a.arn());
      item.put("creationDate", HistoryJson.epochSeconds(a.creationDate()));
    }
    return o;
  }

  private static String position(StateMachineAlias a) {
    return a.creationDate() + " " + a.name();
  }

  /**
   * Where an alias listing continues, in its order (oldest first, then by name): an alias deleted
   * between calls does not end the listing.
   */
  private record AliasPosition(java.time.Instant creationDate, String name) {
    static AliasPosition parse(String position) {
      int space = position.indexOf(' ');
      return new AliasPosition(
          java.time.Instant.parse(position.substring(0, space)), position.substring(space + 1));
    }

    boolean before(StateMachineAlias a) {
      int c = a.creationDate().compareTo(creationDate);
      return c > 0 || (c == 0 && a.name().compareTo(name) > 0);
    }
  }
}
