package dev.stepwise.security.policy;

/** A statement's {@code Effect}. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String json;

  Effect(String json) {
    this.json = json;
  }

  /** The value as written in a policy document: {@code Allow} or {@code Deny}. */
  public String json() {
    return json;
  }
}
