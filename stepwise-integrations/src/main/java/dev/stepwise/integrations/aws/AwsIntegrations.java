package dev.stepwise.integrations.aws;

/**
 * The AWS service integrations on one set of {@link AwsClients}: the optimized ones ({@link
 * OptimizedTasks}) and every {@code aws-sdk:*} action ({@link AwsSdkTasks}). Made once by {@code
 * serve}; {@link #clients()} is also the S3 client of Distributed Map's reader and writer.
 */
public final class AwsIntegrations implements AutoCloseable {
  private final AwsClients clients;
  private final OptimizedTasks optimized;
  private final AwsSdkTasks sdk;

  private AwsIntegrations(AwsClients clients) {
    this.clients = clients;
    this.optimized = new OptimizedTasks(clients);
    this.sdk = new AwsSdkTasks(clients);
  }

  public static AwsIntegrations create(AwsSettings settings) {
    return new AwsIntegrations(new AwsClients(settings));
  }

  public AwsClients clients() {
    return clients;
  }

  public OptimizedTasks optimized() {
    return optimized;
  }

  public AwsSdkTasks sdk() {
    return sdk;
  }

  @Override
  public void close() {
    clients.close();
  }
}
