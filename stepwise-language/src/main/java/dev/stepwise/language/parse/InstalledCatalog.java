package dev.stepwise.language.parse;

import java.util.ServiceLoader;

/** Looked up once: the class path does not change while the JVM runs. */
final class InstalledCatalog {
  static final IntegrationCatalog CATALOG =
      ServiceLoader.load(IntegrationCatalog.class, IntegrationCatalog.class.getClassLoader())
          .findFirst()
          .orElse(IntegrationCatalog.ANY);

  private InstalledCatalog() {}
}
