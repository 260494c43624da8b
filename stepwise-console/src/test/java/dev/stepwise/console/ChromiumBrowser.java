package dev.stepwise.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium, the operating system's, driven through the operating system's
 * chromedriver, both found on PATH at run time ({@code chromium}/{@code chromium-browser}, {@code
 * chromedriver}): Selenium is given the driver's path, so Selenium Manager never downloads one.
 * Without them the browser tests are skipped with a notice ({@code .ci/run} installs them). Every
 * console message the page logs is kept; {@link #assertNoConsoleErrors} fails on any error.
 */
final class ChromiumBrowser implements AutoCloseable {
  final ChromeDriver driver;
  private final Path profile;
  private final List<String> errors = new java.util.ArrayList<>();

  private ChromiumBrowser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser, or skips the calling test class when there is none on this machine. */
  static ChromiumBrowser start() throws IOException {
    Optional<Path> chromium = onPath("chromium", "chromium-browser");
    Optional<Path> chromedriver = onPath("chromedriver");
    if (chromium.isEmpty() || chromedriver.isEmpty()) {
      String notice =
          "NOTICE: console browser tests skipped: no chromium and chromedriver on PATH"
              + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
      System.out.println(notice);
      Assumptions.abort(notice);
    }
    System.setProperty("SE_AVOID_STATS", "true");
    Path profile = Files.createTempDirectory("stepwise-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--window-size=1440,1000",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.get().toFile())
            .usingAnyFreePort()
            .build();
    return new ChromiumBrowser(new ChromeDriver(service, options), profile);
  }

  /** The first executable of these names on PATH (symbolic links resolved). */
  static Optional<Path> onPath(String... names) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Opens a URL and waits until the page says it is drawn with its first data. */
  void open(String url) {
    driver.get("about:blank");
    driver.get(url);
    awaitReady();
  }

  void awaitReady() {
    waitUntil("the page is ready", () -> "true".equals(attr("body", "data-ready")));
  }

  void waitUntil(String what, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .withMessage(what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              collectLogs();
              return condition.getAsBoolean();
            });
  }

  /** An attribute of the first element matching, read in one step (pages redraw as they poll). */
  @Nullable String attr(String css, String name) {
    return js(
        "const e = document.querySelector(arguments[0]);"
            + " return e ? e.getAttribute(arguments[1]) : null;",
        css,
        name);
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  WebElement one(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  void click(String css) {
    one(css).click();
  }

  @SuppressWarnings("unchecked")
  <T> T js(String script, Object... args) {
    return (T) ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The box of an element as the page lays it out: {x, y, width, height}. */
  Map<String, Number> box(WebElement e) {
    return js(
        "const r = arguments[0].getBoundingClientRect();"
            + " return {x: r.x, y: r.y, width: r.width, height: r.height};",
        e);
  }

  /** A PNG of the window, kept in target/console-shots (docs/console shows copies of them). */
  void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "console-shots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  private void collectLogs() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(e.getMessage());
      }
    }
  }

  /** Any error the page logged (a failed load, a CSP refusal, an uncaught exception) fails. */
  void assertNoConsoleErrors() {
    collectLogs();
    List<String> found = List.copyOf(errors);
    errors.clear();
    assertThat(found).as("browser console errors").isEmpty();
  }

  /** Forgets logged errors a test caused on purpose (e.g. a refused request). */
  void forgetConsoleErrors() {
    collectLogs();
    errors.clear();
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
