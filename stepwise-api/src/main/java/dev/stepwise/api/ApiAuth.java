package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.stepwise.engine.Arns;
import dev.stepwise.security.policy.AccessDenied;
import dev.stepwise.security.policy.Decision;
import dev.stepwise.security.policy.Policy;
import dev.stepwise.security.policy.PolicyEvaluator;
import dev.stepwise.security.policy.Request;
import dev.stepwise.security.role.Role;
import dev.stepwise.security.role.Roles;
import dev.stepwise.security.sigv4.AccessKeys;
import dev.stepwise.security.sigv4.HttpRequest;
import dev.stepwise.security.sigv4.SigV4Verifier;
import dev.stepwise.security.sigv4.Verification;
import java.time.InstantSource;
import java.util.List;

/**
 * {@code --auth sigv4}: every request carries an AWS Signature V4 by a configured access key, and
 * the key's principal (a role of the security file) must be allowed the operation on its resource
 * by the role's policies, as IAM decides for AWS's API.
 */
public final class ApiAuth {
  private final SigV4Verifier verifier;
  private final Roles roles;
  private final Arns arns;

  public ApiAuth(AccessKeys keys, Roles roles, Arns arns, InstantSource clock) {
    this.verifier = new SigV4Verifier(keys, clock, arns.region()::equals);
    this.roles = roles;
    this.arns = arns;
  }

  /**
   * Authenticates the request and authorizes {@code operation} on the resource {@code json} names,
   * as for the API's own request; GET routes beside the API that read what an operation reads (the
   * console's) pass the same check.
   *
   * @throws ApiError AWS's authentication error, or AccessDeniedException
   */
  public void check(HttpExchange exchange, byte[] body, String operation, JsonNode json)
      throws ApiError {
    Verification v =
        verifier.verify(
            new HttpRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                body));
    switch (v) {
      case Verification.Rejected r ->
          throw new ApiError(r.httpStatus(), r.errorCode(), r.message());
      case Verification.Authenticated a -> authorize(a.principalArn(), operation, json);
    }
  }

  private void authorize(String principal, String operation, JsonNode json) throws ApiError {
    String action = "states:" + operation;
    String resource = resource(operation, json);
    List<Policy> policies = roles.byArn(principal).map(Role::policies).orElse(List.of());
    Decision decision = PolicyEvaluator.evaluate(policies, Request.of(action, resource));
    if (!decision.allowed()) {
      throw new ApiError(
          AccessDenied.HTTP_STATUS,
          AccessDenied.ERROR_CODE,
          AccessDenied.message(principal, action, resource, decision));
    }
  }

  /** The resource IAM checks the operation against, as AWS's authorization reference lists it. */
  private String resource(String operation, JsonNode json) {
    if (operation.equals("CreateStateMachine")) {
      return arns.stateMachine(json.path("name").asText());
    }
    if (operation.equals("CreateActivity")) {
      return arns.activity(json.path("name").asText());
    }
    if (operation.equals("CreateStateMachineAlias")) {
      // The alias's own ARN: its state machine (the first routed version's) and its name.
      String version =
          json.path("routingConfiguration").path(0).path("stateMachineVersionArn").asText();
      int colon = version.lastIndexOf(':');
      return colon < 0 ? "*" : version.substring(0, colon) + ":" + json.path("name").asText();
    }
    for (String field :
        List.of(
            "executionArn",
            "stateMachineArn",
            "stateMachineVersionArn",
            "stateMachineAliasArn",
            "mapRunArn",
            "activityArn",
            "resourceArn")) {
      if (json.path(field).isTextual()) {
        return Arns.withoutTestCase(json.path(field).asText());
      }
    }
    return "*";
  }
}
