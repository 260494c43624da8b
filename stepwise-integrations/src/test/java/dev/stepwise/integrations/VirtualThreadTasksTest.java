package dev.stepwise.integrations;

import static dev.stepwise.integrations.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualThreadTasksTest {
  private final VirtualThreadTasks tasks = new VirtualThreadTasks("test");
  private final TaskRequest request = Requests.task("S", "arn:aws:states:::sqs:sendMessage", "{}");

  @Test
  void reportsSuccessFailureAndSubmission() {
    RecordingCallbacks ok = new RecordingCallbacks();
    RecordingCallbacks failed = new RecordingCallbacks();
    RecordingCallbacks submitted = new RecordingCallbacks();

    tasks.start(request, ok, false, () -> json("1"));
    tasks.start(
        Requests.task(2, Requests.EXECUTION, "S", "arn:aws:states:::sqs:sendMessage", "{}", null),
        failed,
        false,
        () -> {
          throw new TaskFailure("E", "c");
        });
    tasks.start(
        Requests.task(
            3,
            Requests.EXECUTION,
            "S",
            "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "{}",
            null),
        submitted,
        true,
        () -> json("2"));

    assertThat(ok.outcome()).isEqualTo(new Event.Succeeded(json("1")));
    assertThat(failed.outcome()).isEqualTo(new Event.Failed("E", "c"));
    assertThat(submitted.submittedResponse()).isEqualTo(json("2"));
    assertThat(submitted.ended()).isFalse();
  }

  @Test
  void cancellingInterruptsTheWorkAndDropsItsOutcome() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    RecordingCallbacks callbacks = new RecordingCallbacks();

    tasks.start(
        request,
        callbacks,
        false,
        () -> {
          running.countDown();
          try {
            new CountDownLatch(1).await();
            return json("\"never\"");
          } catch (InterruptedException e) {
            interrupted.complete(true);
            throw e;
          }
        });
    running.await(20, TimeUnit.SECONDS);
    tasks.cancel(request);

    assertThat(interrupted.get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(callbacks.events()).isEmpty();
  }
}
