package dev.stepwise.integrations.http;

import java.net.URI;

/**
 * What an EventBridge connection gives an HTTP Task: how to authorize, and the headers, query
 * parameters and body parameters to merge into every call (the connection's values win).
 */
public record Connection(Authorization authorization, HttpParameters invocationParameters) {

  /** A connection that adds nothing (a Stepwise convenience for public local endpoints). */
  public static final Connection NONE =
      new Connection(new Authorization.None(), HttpParameters.NONE);

  /** The connection's {@code AuthorizationType} with its {@code AuthParameters}. */
  public sealed interface Authorization {

    /** No credentials (not an EventBridge type). */
    record None() implements Authorization {}

    /** {@code API_KEY}: the header {@code name} carries {@code value}. */
    record ApiKey(String name, String value) implements Authorization {}

    /** {@code BASIC}: {@code Authorization: Basic base64(username:password)}. */
    record Basic(String username, String password) implements Authorization {}

    /**
     * {@code OAUTH_CLIENT_CREDENTIALS}: a bearer token obtained from {@code authorizationEndpoint}
     * with the client id and secret.
     *
     * @param httpMethod the token request's method ({@code GET}, {@code POST} or {@code PUT})
     * @param parameters extra headers, query and body parameters of the token request
     */
    record OAuthClientCredentials(
        URI authorizationEndpoint,
        String httpMethod,
        String clientId,
        String clientSecret,
        HttpParameters parameters)
        implements Authorization {}
  }
}
