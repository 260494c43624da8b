package dev.stepwise.security.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per condition rule: each builds an allow-all statement guarded by the condition. */
class ConditionTest {
  private static final Request BASE =
      Request.of("states:StartExecution", "arn:aws:states:us-east-1:123456789012:stateMachine:A");

  private static boolean holds(String condition, Request request) {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*",
              "Resource": "*", "Condition": %s}}"""
                .formatted(condition));
    return PolicyEvaluator.evaluate(List.of(policy), request).allowed();
  }

  @Test
  void stringEqualsIsExactAndCaseSensitive() {
    String c =
        """
        {"StringEquals": {"aws:username": "alice"}}""";
    assertThat(holds(c, BASE.with("aws:username", "alice"))).isTrue();
    assertThat(holds(c, BASE.with("aws:username", "Alice"))).isFalse();
  }

  @Test
  void stringNotEqualsHoldsWhenNoValueMatches() {
    String c =
        """
        {"StringNotEquals": {"aws:username": ["alice", "bob"]}}""";
    assertThat(holds(c, BASE.with("aws:username", "carol"))).isTrue();
    assertThat(holds(c, BASE.with("aws:username", "bob"))).isFalse();
  }

  @Test
  void stringEqualsIgnoreCase() {
    String c =
        """
        {"StringEqualsIgnoreCase": {"aws:username": "ALICE"}}""";
    assertThat(holds(c, BASE.with("aws:username", "alice"))).isTrue();
    String not =
        """
        {"StringNotEqualsIgnoreCase": {"aws:username": "ALICE"}}""";
    assertThat(holds(not, BASE.with("aws:username", "Alice"))).isFalse();
    assertThat(holds(not, BASE.with("aws:username", "bob"))).isTrue();
  }

  @Test
  void stringLikeAndNotLikeUseWildcards() {
    String like =
        """
        {"StringLike": {"aws:PrincipalTag/team": "data-*-?"}}""";
    assertThat(holds(like, BASE.with("aws:PrincipalTag/team", "data-eng-1"))).isTrue();
    assertThat(holds(like, BASE.with("aws:PrincipalTag/team", "data-eng-12"))).isFalse();
    String notLike =
        """
        {"StringNotLike": {"aws:PrincipalTag/team": "data-*"}}""";
    assertThat(holds(notLike, BASE.with("aws:PrincipalTag/team", "ops"))).isTrue();
    assertThat(holds(notLike, BASE.with("aws:PrincipalTag/team", "data-x"))).isFalse();
  }

  @Test
  void multipleValuesAreAlternativesAndMultipleKeysMustAllMatch() {
    String c =
        """
        {"StringEquals": {"aws:username": ["alice", "bob"], "aws:RequestedRegion": "us-east-1"}}""";
    Request bob = BASE.with("aws:username", "bob");
    assertThat(holds(c, bob.with("aws:RequestedRegion", "us-east-1"))).isTrue();
    assertThat(holds(c, bob.with("aws:RequestedRegion", "eu-west-1"))).isFalse();
  }

  @Test
  void contextKeysAreCaseInsensitive() {
    String c =
        """
        {"StringEquals": {"AWS:UserName": "alice"}}""";
    assertThat(holds(c, BASE.with("aws:username", "alice"))).isTrue();
  }

  @Test
  void numericOperatorsCompareNumbers() {
    Request r = BASE.with("states:maxResults", "100");
    assertThat(
            holds(
                """
        {"NumericEquals": {"states:maxResults": 100.0}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"NumericNotEquals": {"states:maxResults": "100"}}""",
                r))
        .isFalse();
    assertThat(
            holds(
                """
        {"NumericLessThan": {"states:maxResults": "101"}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"NumericLessThanEquals": {"states:maxResults": "99"}}""",
                r))
        .isFalse();
    assertThat(
            holds(
                """
        {"NumericGreaterThan": {"states:maxResults": "99.5"}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"NumericGreaterThanEquals": {"states:maxResults": "100"}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"NumericEquals": {"states:maxResults": "100"}}""",
                BASE.with("states:maxResults", "many")))
        .isFalse();
  }

  @Test
  void dateOperatorsCompareInstantsInIsoOrEpochForm() {
    Request r = BASE.with("aws:CurrentTime", "2026-11-24T10:30:00Z");
    assertThat(
            holds(
                """
        {"DateLessThan": {"aws:CurrentTime": "2026-11-25"}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"DateGreaterThan": {"aws:CurrentTime": "2026-11-24T10:30:00Z"}}""",
                r))
        .isFalse();
    assertThat(
            holds(
                """
        {"DateGreaterThanEquals": {"aws:CurrentTime": "2026-11-24T11:30:00+01:00"}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"DateEquals": {"aws:CurrentTime": 1795516200}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"DateNotEquals": {"aws:CurrentTime": "1795516200"}}""",
                r))
        .isFalse();
    assertThat(
            holds(
                """
        {"DateLessThanEquals": {"aws:CurrentTime": "2026-11-24T10:29:59"}}""",
                r))
        .isFalse();
  }

  @Test
  void boolComparesTrueAndFalse() {
    String c =
        """
        {"Bool": {"aws:SecureTransport": true}}""";
    assertThat(holds(c, BASE.with("aws:SecureTransport", "true"))).isTrue();
    assertThat(holds(c, BASE.with("aws:SecureTransport", "false"))).isFalse();
  }

  @Test
  void arnOperatorsMatchEachArnPartOnItsOwn() {
    Request r = BASE.with("aws:SourceArn", "arn:aws:states:us-east-1:123456789012:execution:A:x");
    assertThat(
            holds(
                """
        {"ArnLike": {"aws:SourceArn": "arn:aws:states:*:123456789012:execution:A:*"}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"ArnEquals": {"aws:SourceArn": "arn:aws:states:us-east-1:*:execution:A:x"}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"ArnLike": {"aws:SourceArn": "arn:aws:states:*:execution:A:x"}}""",
                r))
        .as("a * stays within its ARN part")
        .isFalse();
    assertThat(
            holds(
                """
        {"ArnNotLike": {"aws:SourceArn": "arn:aws:states:*:*:execution:B:*"}}""",
                r))
        .isTrue();
    assertThat(
            holds(
                """
        {"ArnNotEquals": {"aws:SourceArn": "arn:aws:states:*:*:execution:A:*"}}""",
                r))
        .isFalse();
  }

  @Test
  void missingKeyFailsPositiveOperators() {
    assertThat(
            holds(
                """
        {"StringEquals": {"aws:username": "alice"}}""",
                BASE))
        .isFalse();
    assertThat(
            holds(
                """
        {"NumericLessThan": {"states:maxResults": "10"}}""",
                BASE))
        .isFalse();
    assertThat(
            holds(
                """
        {"Bool": {"aws:SecureTransport": "false"}}""",
                BASE))
        .isFalse();
  }

  @Test
  void missingKeySatisfiesNegatedOperators() {
    assertThat(
            holds(
                """
        {"StringNotEquals": {"aws:username": "alice"}}""",
                BASE))
        .isTrue();
    assertThat(
            holds(
                """
        {"ArnNotLike": {"aws:SourceArn": "arn:*"}}""",
                BASE))
        .isTrue();
  }

  @Test
  void ifExistsHoldsWhenTheKeyIsAbsentAndTestsItOtherwise() {
    String c =
        """
        {"StringEqualsIfExists": {"aws:username": "alice"}}""";
    assertThat(holds(c, BASE)).isTrue();
    assertThat(holds(c, BASE.with("aws:username", "alice"))).isTrue();
    assertThat(holds(c, BASE.with("aws:username", "bob"))).isFalse();
  }

  @Test
  void nullTestsPresence() {
    String absent =
        """
        {"Null": {"aws:TokenIssueTime": "true"}}""";
    assertThat(holds(absent, BASE)).isTrue();
    assertThat(holds(absent, BASE.with("aws:TokenIssueTime", "2026-11-24T10:00:00Z"))).isFalse();
    String present =
        """
        {"Null": {"aws:TokenIssueTime": false}}""";
    assertThat(holds(present, BASE)).isFalse();
    assertThat(holds(present, BASE.with("aws:TokenIssueTime", "2026-11-24T10:00:00Z"))).isTrue();
  }

  @Test
  void forAnyValueNeedsOneMatchingRequestValue() {
    String c =
        """
        {"ForAnyValue:StringEquals": {"aws:TagKeys": ["env", "team"]}}""";
    assertThat(holds(c, BASE.with("aws:TagKeys", "cost", "team"))).isTrue();
    assertThat(holds(c, BASE.with("aws:TagKeys", "cost", "owner"))).isFalse();
    assertThat(holds(c, BASE)).as("missing key").isFalse();
  }

  @Test
  void forAllValuesNeedsEveryRequestValueToMatch() {
    String c =
        """
        {"ForAllValues:StringLike": {"aws:TagKeys": ["env", "team-*"]}}""";
    assertThat(holds(c, BASE.with("aws:TagKeys", "env", "team-a"))).isTrue();
    assertThat(holds(c, BASE.with("aws:TagKeys", "env", "cost"))).isFalse();
    assertThat(holds(c, BASE)).as("missing key").isTrue();
  }

  @Test
  void negatedOperatorsUnderSetQualifiersApplyPerValue() {
    String any =
        """
        {"ForAnyValue:StringNotEquals": {"aws:TagKeys": "env"}}""";
    assertThat(holds(any, BASE.with("aws:TagKeys", "env", "team"))).isTrue();
    assertThat(holds(any, BASE.with("aws:TagKeys", "env"))).isFalse();
    String all =
        """
        {"ForAllValues:StringNotEquals": {"aws:TagKeys": "env"}}""";
    assertThat(holds(all, BASE.with("aws:TagKeys", "team", "cost"))).isTrue();
    assertThat(holds(all, BASE.with("aws:TagKeys", "team", "env"))).isFalse();
  }

  @Test
  void withoutAQualifierANegatedOperatorRejectsAnyMatchingValue() {
    String c =
        """
        {"StringNotEquals": {"aws:TagKeys": "env"}}""";
    assertThat(holds(c, BASE.with("aws:TagKeys", "team", "env"))).isFalse();
    assertThat(holds(c, BASE.with("aws:TagKeys", "team", "cost"))).isTrue();
  }

  @Test
  void setQualifiersCombineWithIfExists() {
    String c =
        """
        {"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "env"}}""";
    assertThat(holds(c, BASE)).isTrue();
    assertThat(holds(c, BASE.with("aws:TagKeys", "team"))).isFalse();
  }
}
