package dev.stepwise.security.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.security.policy.MalformedPolicyDocumentException;
import dev.stepwise.security.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolesTest {
  private static final String CONFIG =
      """
      {
        "AccessKeys" : [ {
          "AccessKeyId" : "AKIDEXAMPLE",
          "SecretAccessKey" : "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
          "PrincipalArn" : "arn:aws:iam::123456789012:role/Parent"
        } ],
        "Roles" : [ {
          "RoleName" : "Parent",
          "Arn" : "arn:aws:iam::123456789012:role/Parent",
          "Policies" : [ {
            "PolicyName" : "StartChild",
            "PolicyDocument" : {
              "Version" : "2012-10-17",
              "Statement" : [ {
                "Effect" : "Allow",
                "Action" : [ "states:StartExecution" ],
                "Resource" : [ "arn:aws:states:us-east-1:123456789012:stateMachine:Child" ]
              } ]
            }
          } ]
        } ],
        "Other" : {
          "kept" : true
        }
      }
      """;

  private static Policy denyAll(String name) {
    return Policy.fromJson(
        name,
        Policy.parse(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""")
            .document());
  }

  @Test
  void readsTheRolesSection() {
    Roles roles = Roles.parse(CONFIG);
    assertThat(roles.all()).extracting(Role::name).containsExactly("Parent");
    Role parent = roles.byArn("arn:aws:iam::123456789012:role/Parent").orElseThrow();
    assertThat(roles.byName("Parent")).contains(parent);
    assertThat(parent.policies()).extracting(Policy::name).containsExactly("StartChild");
    assertThat(parent.policies().get(0).statements().get(0).actions())
        .containsExactly("states:StartExecution");
    assertThat(roles.byName("Child")).isEmpty();
  }

  @Test
  void aFileWithoutRolesHasNone() {
    assertThat(Roles.parse("{\"AccessKeys\": []}").all()).isEmpty();
  }

  @Test
  void aPolicyDocumentMayBeAStringOfJson() {
    Roles roles =
        Roles.parse(
            """
            {"Roles": [{"RoleName": "R", "Arn": "arn:aws:iam::1:role/R", "Policies": [
              {"PolicyName": "P", "PolicyDocument": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}}"}
            ]}]}""");
    assertThat(roles.byName("R").orElseThrow().policies().get(0).name()).isEqualTo("P");
  }

  @Test
  void writeReplacesOnlyTheRolesSectionAndRoundTrips(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("stepwise.json");
    Files.writeString(file, CONFIG);
    Roles roles = Roles.read(file);
    roles.write(file);
    assertThat(Files.readString(file)).isEqualTo(CONFIG);

    Roles changed =
        roles
            .remove("Parent")
            .add(
                new Role(
                    "Auditor", "arn:aws:iam::123456789012:role/Auditor", List.of(denyAll("None"))));
    changed.write(file);
    assertThat(Files.readString(file))
        .isEqualTo(
            """
            {
              "AccessKeys" : [ {
                "AccessKeyId" : "AKIDEXAMPLE",
                "SecretAccessKey" : "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "PrincipalArn" : "arn:aws:iam::123456789012:role/Parent"
              } ],
              "Roles" : [ {
                "RoleName" : "Auditor",
                "Arn" : "arn:aws:iam::123456789012:role/Auditor",
                "Policies" : [ {
                  "PolicyName" : "None",
                  "PolicyDocument" : {
                    "Version" : "2012-10-17",
                    "Statement" : [ {
                      "Effect" : "Deny",
                      "Action" : "*",
                      "Resource" : "*"
                    } ]
                  }
                } ]
              } ],
              "Other" : {
                "kept" : true
              }
            }
            """);
    assertThat(Roles.read(file)).isEqualTo(changed);
  }

  @Test
  void writeCreatesAMissingFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("new.json");
    Roles.empty().write(file);
    assertThat(Files.readString(file)).isEqualTo("{\n  \"Roles\" : [ ]\n}\n");
  }

  @Test
  void addRefusesDuplicateNamesAndArns() {
    Roles roles = Roles.parse(CONFIG);
    assertThatThrownBy(
            () -> roles.add(new Role("Parent", "arn:aws:iam::123456789012:role/Other", List.of())))
        .hasMessage("a role named Parent exists already");
    assertThatThrownBy(
            () -> roles.add(new Role("Other", "arn:aws:iam::123456789012:role/Parent", List.of())))
        .hasMessage("a role with ARN arn:aws:iam::123456789012:role/Parent exists already");
    assertThat(roles.remove("Nobody")).isSameAs(roles);
  }

  @Test
  void configurationErrorsNameTheElement() {
    assertThatThrownBy(() -> Roles.parse("{\"Roles\": {}}")).hasMessage("Roles must be an array");
    assertThatThrownBy(() -> Roles.parse("{\"Roles\": [{\"Arn\": \"arn:aws:iam::1:role/R\"}]}"))
        .hasMessage("Roles[0].RoleName is missing");
    assertThatThrownBy(() -> Roles.parse("{\"Roles\": [{\"RoleName\": \"R\", \"Arn\": \"R\"}]}"))
        .hasMessage("Roles[0].Arn must be an ARN, got \"R\"");
    assertThatThrownBy(
            () ->
                Roles.parse(
                    """
                    {"Roles": [{"RoleName": "R", "Arn": "arn:aws:iam::1:role/R"},
                               {"RoleName": "R", "Arn": "arn:aws:iam::1:role/S"}]}"""))
        .hasMessage("Roles[1].RoleName \"R\" is a duplicate");
    assertThatThrownBy(
            () ->
                Roles.parse(
                    """
                    {"Roles": [{"RoleName": "R", "Arn": "arn:aws:iam::1:role/R", "Policies": [
                      {"PolicyName": "P", "PolicyDocument": {"Statement": {"Effect": "allow",
                       "Action": "*", "Resource": "*"}}}]}]}"""))
        .isInstanceOf(MalformedPolicyDocumentException.class)
        .hasMessage(
            "Roles[0].Policies[0].PolicyDocument: Statement.Effect must be \"Allow\" or \"Deny\","
                + " got \"allow\"");
    assertThatThrownBy(
            () ->
                Roles.parse(
                    """
                    {"Roles": [{"RoleName": "R", "Arn": "arn:aws:iam::1:role/R", "Extra": 1}]}"""))
        .hasMessage("Roles[0] has an unknown element \"Extra\"");
  }
}
