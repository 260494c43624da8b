package dev.stepwise.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** The server's log as {@code --log-level}, {@code --log-format} and {@code --log-file} ask. */
final class ServerLogging {
  private ServerLogging() {}

  private static final Set<String> LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /**
   * Checks the options, changing nothing.
   *
   * @throws IllegalArgumentException with the reason, naming the option
   */
  static void check(ObservabilityOptions o) {
    String level = o.logLevel.toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException(
          "--log-level takes TRACE, DEBUG, INFO, WARN, ERROR or OFF, not " + o.logLevel);
    }
    if (!o.logFormat.equals("text") && !o.logFormat.equals("json")) {
      throw new IllegalArgumentException("--log-format takes text or json, not " + o.logFormat);
    }
    if (o.logFile != null) {
      Path parent = o.logFile.toAbsolutePath().getParent();
      if (parent == null
          || !Files.isDirectory(parent)
          || !Files.isWritable(parent)
          || Files.isDirectory(o.logFile)) {
        throw new IllegalArgumentException("--log-file " + o.logFile + " cannot be written");
      }
    }
  }

  /** Installs the appender the options ask for (checked by {@link #check} first). */
  static void install(ObservabilityOptions o) {
    String level = o.logLevel.toUpperCase(Locale.ROOT);
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend (a test's): it keeps its own configuration
    }
    context.reset();
    Encoder<ILoggingEvent> encoder;
    if (o.logFormat.equals("json")) {
      JsonEncoder json = new JsonEncoder();
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithArguments(false);
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n");
      encoder = text;
    }
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender;
    if (o.logFile != null) {
      FileAppender<ILoggingEvent> file = new FileAppender<>();
      file.setFile(o.logFile.toString());
      file.setAppend(true);
      appender = file;
    } else {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setTarget("System.err");
      appender = console;
    }
    appender.setContext(context);
    appender.setName("server");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level));
    root.addAppender(appender);
    // Libraries' chatter stays out of the server's log unless asked for.
    context.getLogger("org.flywaydb").setLevel(Level.WARN);
    context.getLogger("io.micrometer").setLevel(Level.WARN);
    context.getLogger("jdk.httpclient").setLevel(Level.WARN);
  }

  /** Stops the appenders, writing what they hold. */
  static void stop() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
