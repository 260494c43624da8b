package dev.stepwise.conformance;

/** The corpus through the HTTP API, the server in virtual time. */
class AwsRecordedCorpusHttpTest extends RecordedCorpusTest {
  @Override
  CaseRunner newRunner() throws Exception {
    return new HttpRunner();
  }

  @Override
  String label() {
    return "HTTP API";
  }
}
