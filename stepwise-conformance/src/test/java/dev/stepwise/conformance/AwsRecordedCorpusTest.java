package dev.stepwise.conformance;

/** The corpus in process, with virtual time. */
class AwsRecordedCorpusTest extends RecordedCorpusTest {
  @Override
  CaseRunner newRunner() {
    return new InProcessRunner();
  }

  @Override
  String label() {
    return "in process";
  }
}
