package dev.stepwise.integrations.mock;

import static dev.stepwise.integrations.Models.end;
import static dev.stepwise.integrations.Models.map;
import static dev.stepwise.integrations.Models.next;
import static dev.stepwise.integrations.Models.parallel;
import static dev.stepwise.integrations.Models.pass;
import static dev.stepwise.integrations.Models.task;
import static dev.stepwise.integrations.Models.workflow;
import static dev.stepwise.integrations.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.Models;
import dev.stepwise.language.model.StateMachine;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockSkeletonTest {

  @Test
  void mocksEveryTaskIncludingParallelBranchesAndMapProcessors() throws MockConfigException {
    StateMachine machine =
        Models.machine(
            task("Fetch", "arn:aws:states:::http:invoke", next("Both")),
            parallel(
                "Both",
                next("Each"),
                workflow(
                    task("Score", "arn:aws:lambda:us-east-1:123456789012:function:score", end())),
                workflow(
                    task("Child", "arn:aws:states:::states:startExecution.sync:2", next("Approve")),
                    task("Approve", "arn:aws:states:::lambda:invoke.waitForTaskToken", end()))),
            map(
                "Each",
                next("Done"),
                workflow(
                    task("Save", "arn:aws:states:::dynamodb:putItem", next("Legacy")),
                    task("Legacy", "arn:aws:states:::states:startExecution.sync", end()))),
            pass("Done", end()));

    ObjectNode skeleton = MockSkeleton.generate(machine, "Orders");

    assertThat(skeleton)
        .isEqualTo(
            json(
                """
                {"StateMachines": {"Orders": {"TestCases": {"HappyPath": {
                    "Fetch": "FetchMock", "Score": "ScoreMock", "Child": "ChildMock",
                    "Approve": "ApproveMock", "Save": "SaveMock", "Legacy": "LegacyMock"}}}},
                 "MockedResponses": {
                   "FetchMock": {"0": {"Return": {"Headers": {}, "ResponseBody": {}, "StatusCode": 200,
                                                  "StatusText": "OK"}}},
                   "ScoreMock": {"0": {"Return": {"StatusCode": 200, "Payload": {}}}},
                   "ChildMock": {"0": {"Return": {"Output": {}, "Status": "SUCCEEDED"}}},
                   "ApproveMock": {"0": {"Return": {"ExecutedVersion": "$LATEST", "Payload": {},
                                                    "StatusCode": 200}}},
                   "SaveMock": {"0": {"Return": {}}},
                   "LegacyMock": {"0": {"Return": {"Output": "{}", "Status": "SUCCEEDED"}}}}}
                """));
    assertThat(
            skeleton
                .get("StateMachines")
                .get("Orders")
                .get("TestCases")
                .get("HappyPath")
                .properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("Fetch", "Score", "Child", "Approve", "Save", "Legacy");
    // The skeleton is itself a valid mock configuration.
    assertThat(MockConfig.parse(skeleton).testCase("Orders", "HappyPath").orElseThrow().states())
        .hasSize(6);
  }

  @Test
  void namesTheStateMachineByDefaultAndAvoidsNameClashes() {
    StateMachine machine =
        Models.machine(
            task("A", "arn:aws:states:::sqs:sendMessage", next("AMock")),
            task("AMock", "arn:aws:states:us-east-1:123456789012:activity:review", end()));

    assertThat(MockSkeleton.generate(machine))
        .isEqualTo(
            json(
                """
                {"StateMachines": {"MyStateMachine": {"TestCases": {"HappyPath": {
                    "A": "AMock", "AMock": "AMockMock"}}}},
                 "MockedResponses": {
                   "AMock": {"0": {"Return": {"MD5OfMessageBody": "", "MessageId": ""}}},
                   "AMockMock": {"0": {"Return": {}}}}}
                """));
  }

  @Test
  void awsResultsAreShapedByTheServicesModel() {
    StateMachine machine =
        Models.machine(
            task("Get", "arn:aws:states:::aws-sdk:dynamodb:getItem", next("Publish")),
            task("Publish", "arn:aws:states:::sns:publish", next("Wait")),
            task("Wait", "arn:aws:states:::sqs:sendMessage.waitForTaskToken", next("Tag")),
            task("Tag", "arn:aws:states:::aws-sdk:sqs:tagQueue", end()));

    assertThat(MockSkeleton.generate(machine).get("MockedResponses"))
        .isEqualTo(
            json(
                """
                {"GetMock": {"0": {"Return": {"Item": {}, "ConsumedCapacity": {}}}},
                 "PublishMock": {"0": {"Return": {"MessageId": ""}}},
                 "WaitMock": {"0": {"Return": {}}},
                 "TagMock": {"0": {"Return": {}}}}
                """));
  }

  @Test
  void aDefinitionWithoutTasksGivesAnEmptyTestCase() {
    assertThat(MockSkeleton.generate(Models.machine(pass("P", end())), "M"))
        .isEqualTo(
            json(
                "{\"StateMachines\": {\"M\": {\"TestCases\": {\"HappyPath\": {}}}},"
                    + " \"MockedResponses\": {}}"));
  }
}
