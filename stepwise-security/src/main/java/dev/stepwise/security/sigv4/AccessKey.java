package dev.stepwise.security.sigv4;

import java.util.Objects;

/**
 * A long-term access key and the principal it authenticates as.
 *
 * @param principalArn e.g. {@code arn:aws:iam::123456789012:user/alice} or a role ARN
 */
public record AccessKey(String id, String secret, String principalArn) {
  public AccessKey {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(secret, "secret == null");
    Objects.requireNonNull(principalArn, "principalArn == null");
    if (id.isBlank() || secret.isEmpty()) {
      throw new IllegalArgumentException("an access key needs an id and a secret");
    }
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "AccessKey[id=" + id + ", secret=****, principalArn=" + principalArn + "]";
  }
}
