package dev.stepwise.security.generator;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A state machine ARN taken apart; the qualifier is a version number or an alias name. */
record StateMachineArn(String name, @Nullable String qualifier) {

  static Optional<StateMachineArn> parse(String arn) {
    String[] parts = arn.split(":", -1);
    if (parts.length < 7
        || parts.length > 8
        || !parts[0].equals("arn")
        || !parts[2].equals("states")
        || !parts[5].equals("stateMachine")
        || parts[6].isEmpty()) {
      return Optional.empty();
    }
    String qualifier = parts.length == 8 ? parts[7] : null;
    if (qualifier != null && qualifier.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new StateMachineArn(parts[6], qualifier));
  }
}
