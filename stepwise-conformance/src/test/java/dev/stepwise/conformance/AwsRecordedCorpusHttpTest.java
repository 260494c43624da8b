package dev.stepwise.conformance;

import dev.stepwise.integrations.mock.MockConfig;

/** The corpus through the HTTP API, the servers in virtual and real time. */
class AwsRecordedCorpusHttpTest extends RecordedCorpusTest {
  @Override
  CaseRunner newRunner(MockConfig mocks) throws Exception {
    return new HttpRunner(mocks);
  }

  @Override
  String label() {
    return "HTTP API";
  }
}
