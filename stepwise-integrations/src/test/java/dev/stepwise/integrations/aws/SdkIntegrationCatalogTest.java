package dev.stepwise.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.parse.IntegrationCatalog;
import org.junit.jupiter.api.Test;

class SdkIntegrationCatalogTest {
  private final IntegrationCatalog catalog = new SdkIntegrationCatalog();

  @Test
  void theInstalledCatalogIsThisOne() {
    assertThat(IntegrationCatalog.installed()).isInstanceOf(SdkIntegrationCatalog.class);
  }

  @Test
  void sdkActionsAreTheClientsMethods() {
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:dynamodb:putItem")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:s3:listObjectsV2")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:s3:getObject")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken"))
        .isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:sfn:startExecution")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:dynamodb:putItems")).isFalse();
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:dynamodb:PutItem")).isFalse();
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:s3:listObjectsV2Paginator")).isFalse();
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:s3:getObject.sync")).isFalse();
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:dynamodb:serviceName")).isFalse();
  }

  @Test
  void aServiceWithoutAModuleIsAccepted() {
    assertThat(catalog.recognizes("arn:aws:states:::aws-sdk:ec2:describeInstances")).isTrue();
  }

  @Test
  void optimizedResourcesAreTheDocumentedOnes() {
    assertThat(catalog.recognizes("arn:aws:states:::sqs:sendMessage")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::sns:publish.waitForTaskToken")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::dynamodb:deleteItem")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::events:putEvents.waitForTaskToken")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::sqs:receiveMessage")).isFalse();
    assertThat(catalog.recognizes("arn:aws:states:::dynamodb:query")).isFalse();
    assertThat(catalog.recognizes("arn:aws:states:::dynamodb:getItem.waitForTaskToken")).isFalse();
    assertThat(catalog.recognizes("arn:aws:states:::sqs:sendMessage.sync")).isFalse();
  }

  @Test
  void otherIntegrationsAreLeftToTheirOwnChecks() {
    assertThat(catalog.recognizes("arn:aws:states:::lambda:invoke")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::states:startExecution.sync:2")).isTrue();
    assertThat(catalog.recognizes("arn:aws:states:::http:invoke")).isTrue();
  }
}
