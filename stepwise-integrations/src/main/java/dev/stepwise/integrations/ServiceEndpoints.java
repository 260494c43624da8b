package dev.stepwise.integrations;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each AWS service is reached instead of its AWS endpoint (a local stand-in such as
 * LocalStack, ElasticMQ or MinIO), keyed by the service's name in {@code
 * arn:aws:states:::aws-sdk:<service>:<action>}: {@code lambda}, {@code sqs}, {@code dynamodb}...
 */
public record ServiceEndpoints(Map<String, URI> endpoints) {
  public static final ServiceEndpoints NONE = new ServiceEndpoints(Map.of());

  public ServiceEndpoints {
    endpoints = Map.copyOf(new TreeMap<>(endpoints));
  }

  public Optional<URI> of(String service) {
    return Optional.ofNullable(endpoints.get(service.toLowerCase(Locale.ROOT)));
  }

  /** These endpoints, each replaced by {@code other}'s where it has one. */
  public ServiceEndpoints overriddenBy(ServiceEndpoints other) {
    TreeMap<String, URI> merged = new TreeMap<>(endpoints);
    merged.putAll(other.endpoints);
    return new ServiceEndpoints(merged);
  }

  public ServiceEndpoints with(String service, URI endpoint) {
    return overriddenBy(new ServiceEndpoints(Map.of(service.toLowerCase(Locale.ROOT), endpoint)));
  }
}
