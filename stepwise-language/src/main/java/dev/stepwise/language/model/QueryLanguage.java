package dev.stepwise.language.model;

/** The query language of a state machine or state. */
public enum QueryLanguage {
  JSONPATH("JSONPath"),
  JSONATA("JSONata");

  private final String awsName;

  QueryLanguage(String awsName) {
    this.awsName = awsName;
  }

  /** The spelling used in definitions. */
  public String awsName() {
    return awsName;
  }
}
