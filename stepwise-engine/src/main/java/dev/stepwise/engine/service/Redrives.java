package dev.stepwise.engine.service;

import dev.stepwise.engine.Engine;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.redrive.RedriveRules;
import dev.stepwise.engine.runtime.Redriver;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.store.ExecutionStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * RedriveExecution and the redrive fields of DescribeExecution. The engine decides and journals a
 * redrive; what only the control plane knows (the state machine is being deleted) is refused here.
 * An EXPRESS execution's ARN is refused as DescribeExecution refuses it ({@code InvalidArn}).
 */
public final class Redrives {
  private final Engine engine;
  private final ExecutionStore store;
  private final InstantSource clock;
  private final Predicate<String> machineGone;

  /**
   * @param machineGone whether the state machine of this ARN is being (or has been) deleted
   */
  Redrives(
      Engine engine, ExecutionStore store, InstantSource clock, Predicate<String> machineGone) {
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.machineGone = machineGone;
  }

  /** DescribeExecution's {@code redriveStatus} and, when NOT_REDRIVABLE, its reason. */
  public record Status(String redriveStatus, @Nullable String reason) {}

  /**
   * RedriveExecution.
   *
   * @return the redrive's date (a repeated {@code clientToken}'s: the first redrive's)
   */
  Instant redrive(ExecutionRecord record, @Nullable String clientToken)
      throws ServiceException, InterruptedException {
    String arn = record.spec().executionArn();
    if (machineGone.test(record.spec().stateMachineArn())) {
      throw notRedrivable(RedriveRules.DELETING);
    }
    if (record.status() == ExecutionStatus.SUCCEEDED && record.redriveCount() == 0) {
      throw notRedrivable(RedriveRules.statusReason(ExecutionStatus.SUCCEEDED));
    }
    if (record.status().closed()
        && engine.openExecutions() >= engine.settings().maxOpenExecutions()) {
      throw new ServiceException(
          "ExecutionLimitExceeded",
          "Execution Limit Exceeded: '"
              + engine.settings().maxOpenExecutions()
              + "' open executions");
    }
    Redriver.Answer answer;
    try {
      answer = engine.redrive(arn, clientToken);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    if (answer == null) {
      throw new ServiceException(
          "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }
    if (!answer.accepted()) {
      throw notRedrivable(answer.reason());
    }
    return answer.redriveDate();
  }

  /** The redrive status DescribeExecution shows, or null while RUNNING (it shows none then). */
  public @Nullable Status status(ExecutionRecord r) {
    if (r.status() == ExecutionStatus.RUNNING) {
      return null;
    }
    String reason =
        machineGone.test(r.spec().stateMachineArn())
            ? RedriveRules.DELETING
            : RedriveRules.refusal(
                r.status(),
                r.spec().startTime(),
                r.stopDate(),
                () -> store.lastEventId(r.spec().executionArn()),
                engine.settings().historyEventLimit(),
                clock.instant());
    return reason == null ? new Status("REDRIVABLE", null) : new Status("NOT_REDRIVABLE", reason);
  }

  /**
   * [INFER] ExecutionNotRedrivable's message is not recorded anywhere; the reason AWS shows in
   * DescribeExecution is the likeliest text.
   */
  private static ServiceException notRedrivable(@Nullable String reason) {
    return new ServiceException("ExecutionNotRedrivable", reason);
  }
}
