package dev.stepwise.language.parse;

/**
 * Which service integration resources ({@code arn:aws:states:::<service>:<action>[.<pattern>]})
 * exist, so that a definition naming an unknown service, action or pattern is rejected when it is
 * created, as AWS rejects it. The language knows no services itself: an adapter that does (the
 * integrations module, from the AWS SDK's own models) provides one through {@link
 * java.util.ServiceLoader}; without one every resource of the right form is accepted.
 */
public interface IntegrationCatalog {
  /** Accepts every resource of the right form. */
  IntegrationCatalog ANY = resource -> true;

  /** Whether {@code resource}, a syntactically valid service integration ARN, exists. */
  boolean recognizes(String resource);

  /** The catalog found on the class path, else {@link #ANY}. */
  static IntegrationCatalog installed() {
    return InstalledCatalog.CATALOG;
  }
}
