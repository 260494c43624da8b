package dev.stepwise.security.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessKeysTest {

  @Test
  void readsTheAccessKeysSection() {
    AccessKeys keys =
        AccessKeys.parse(
            """
            {"Roles": [], "AccessKeys": [
              {"AccessKeyId": "AKID1", "SecretAccessKey": "s3cr3t",
               "PrincipalArn": "arn:aws:iam::123456789012:user/alice"}]}""");
    assertThat(keys.byId("AKID1"))
        .contains(new AccessKey("AKID1", "s3cr3t", "arn:aws:iam::123456789012:user/alice"));
    assertThat(keys.byId("AKID2")).isEmpty();
    assertThat(AccessKeys.parse("{}").all()).isEmpty();
  }

  @Test
  void toStringNeverShowsTheSecret() {
    AccessKey key = new AccessKey("AKID1", "s3cr3t", "arn:aws:iam::123456789012:user/alice");
    assertThat(key.toString())
        .isEqualTo(
            "AccessKey[id=AKID1, secret=****, principalArn=arn:aws:iam::123456789012:user/alice]");
    assertThat(
            AccessKeys.parse(
                    """
                {"AccessKeys": [{"AccessKeyId": "AKID1", "SecretAccessKey": "s3cr3t",
                  "PrincipalArn": "arn:aws:iam::123456789012:user/alice"}]}""")
                .toString())
        .doesNotContain("s3cr3t");
  }

  @Test
  void errorsNameTheElement() {
    assertThatThrownBy(() -> AccessKeys.parse("{\"AccessKeys\": {}}"))
        .hasMessage("AccessKeys must be an array");
    assertThatThrownBy(
            () ->
                AccessKeys.parse(
                    "{\"AccessKeys\": [{\"AccessKeyId\": \"A\", \"PrincipalArn\": \"arn:p\"}]}"))
        .hasMessage("AccessKeys[0].SecretAccessKey is missing");
    assertThatThrownBy(
            () ->
                AccessKeys.parse(
                    """
                    {"AccessKeys": [
                      {"AccessKeyId": "A", "SecretAccessKey": "s", "PrincipalArn": "arn:p"},
                      {"AccessKeyId": "A", "SecretAccessKey": "t", "PrincipalArn": "arn:q"}]}"""))
        .hasMessage("AccessKeys[1].AccessKeyId \"A\" is a duplicate");
  }
}
