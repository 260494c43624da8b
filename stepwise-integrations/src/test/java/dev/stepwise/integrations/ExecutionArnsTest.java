package dev.stepwise.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExecutionArnsTest {
  @Test
  void readsTheStateMachineOfStandardAndExpressExecutions() {
    assertThat(
            ExecutionArns.stateMachineName(
                "arn:aws:states:us-east-1:123456789012:execution:Orders:run-7"))
        .isEqualTo("Orders");
    assertThat(
            ExecutionArns.stateMachineName(
                "arn:aws:states:us-east-1:123456789012:express:Orders:run-7:0b1c"))
        .isEqualTo("Orders");
  }

  @Test
  void rejectsOtherArns() {
    assertThatThrownBy(
            () ->
                ExecutionArns.stateMachineName(
                    "arn:aws:states:us-east-1:123456789012:stateMachine:Orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "not an execution ARN: arn:aws:states:us-east-1:123456789012:stateMachine:Orders");
  }
}
