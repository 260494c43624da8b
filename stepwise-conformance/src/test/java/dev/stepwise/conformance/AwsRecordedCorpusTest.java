package dev.stepwise.conformance;

import dev.stepwise.integrations.mock.MockConfig;

/** The corpus in process, with virtual time. */
class AwsRecordedCorpusTest extends RecordedCorpusTest {
  @Override
  CaseRunner newRunner(MockConfig mocks) {
    return new InProcessRunner(mocks);
  }

  @Override
  String label() {
    return "in process";
  }
}
