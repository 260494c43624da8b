package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.activity.ActivityTasks;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.engine.service.ActivityRecord;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.language.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** Activities: Create/Describe/Delete/ListActivities and GetActivityTask. */
final class ActivityOperations {
  private final StepFunctionsService service;
  private final PageTokens tokens;

  ActivityOperations(StepFunctionsService service, PageTokens tokens) {
    this.service = service;
    this.tokens = tokens;
  }

  void register(Map<String, Operations.Operation> table) {
    table.put("CreateActivity", this::createActivity);
    table.put("DescribeActivity", this::describeActivity);
    table.put("DeleteActivity", this::deleteActivity);
    table.put("ListActivities", this::listActivities);
    table.put("GetActivityTask", this::getActivityTask);
  }

  private JsonNode createActivity(Request r) throws ApiError, ServiceException {
    ActivityRecord a =
        service.activities().create(r.required("name"), TagOperations.tags(r, false));
    ObjectNode o = Json.NODES.objectNode();
    o.put("activityArn", a.arn());
    o.put("creationDate", HistoryJson.epochSeconds(a.creationDate()));
    return o;
  }

  private JsonNode describeActivity(Request r) throws ApiError, ServiceException {
    ActivityRecord a = service.activities().describe(r.required("activityArn"));
    ObjectNode o = Json.NODES.objectNode();
    o.put("activityArn", a.arn());
    o.put("name", a.name());
    o.put("creationDate", HistoryJson.epochSeconds(a.creationDate()));
    o.putObject("encryptionConfiguration").put("type", "AWS_OWNED_KEY");
    return o;
  }

  private JsonNode deleteActivity(Request r) throws ApiError, ServiceException {
    service.activities().delete(r.required("activityArn"));
    return Json.NODES.objectNode();
  }

  private JsonNode listActivities(Request r) throws ApiError {
    int size = r.pageSize();
    String after = tokens.position("ListActivities", r.optional("nextToken"));
    List<ActivityRecord> rest =
        service.activities().list().stream()
            .filter(a -> after == null || a.name().compareTo(after) > 0)
            .toList();
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("activities");
    for (ActivityRecord a : tokens.page(o, "ListActivities", rest, size, ActivityRecord::name)) {
      ObjectNode item = list.addObject();
      item.put("activityArn", a.arn());
      item.put("name", a.name());
      item.put("creationDate", HistoryJson.epochSeconds(a.creationDate()));
    }
    return o;
  }

  /** Long poll: answers {@code {}} when no task came within the poll timeout. */
  private JsonNode getActivityTask(Request r)
      throws ApiError, ServiceException, InterruptedException {
    Optional<ActivityTasks.ActivityTask> task;
    try {
      task =
          service.activities().getTask(r.required("activityArn"), r.optional("workerName")).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a poll never fails", e);
    }
    ObjectNode o = Json.NODES.objectNode();
    task.ifPresent(
        t -> {
          o.put("taskToken", t.taskToken());
          o.put("input", Json.write(t.input()));
        });
    return o;
  }
}
