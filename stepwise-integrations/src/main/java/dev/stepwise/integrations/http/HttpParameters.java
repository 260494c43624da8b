package dev.stepwise.integrations.http;

import java.util.List;

/**
 * Key-value parameters a connection adds to each call: EventBridge's {@code
 * InvocationHttpParameters} (or {@code OAuthHttpParameters} for the token request).
 */
public record HttpParameters(
    List<Parameter> headers, List<Parameter> queryString, List<Parameter> body) {

  public static final HttpParameters NONE = new HttpParameters(List.of(), List.of(), List.of());

  public HttpParameters {
    headers = List.copyOf(headers);
    queryString = List.copyOf(queryString);
    body = List.copyOf(body);
  }

  /** One {@code {"Key": ..., "Value": ...}}. */
  public record Parameter(String key, String value) {}
}
