package dev.stepwise.observability.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Where a log group's records go: a JSON-lines file per log group under a directory (the group's
 * name as a relative path, {@code /aws/vendedlogs/states/orders} to {@code
 * aws/vendedlogs/states/orders.log}), or one stream for all of them.
 */
public final class LogDestinations {
  private final @Nullable Path dir;
  private final @Nullable PrintStream stream;

  private LogDestinations(@Nullable Path dir, @Nullable PrintStream stream) {
    this.dir = dir;
    this.stream = stream;
  }

  /**
   * Files under {@code dir}, created now.
   *
   * @throws IllegalArgumentException with a one-line reason when it cannot be created or written
   */
  public static LogDestinations directory(Path dir) {
    Path abs = dir.toAbsolutePath();
    try {
      Files.createDirectories(abs);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create the execution log directory " + abs);
    }
    if (!Files.isWritable(abs)) {
      throw new IllegalArgumentException("the execution log directory " + abs + " is not writable");
    }
    return new LogDestinations(abs, null);
  }

  /** Every record to {@code out} (stdout), one JSON line each. */
  public static LogDestinations stream(PrintStream out) {
    return new LogDestinations(null, out);
  }

  /** The file for a log group, or null when records go to the stream. */
  public @Nullable Path file(String logGroup) {
    if (dir == null) {
      return null;
    }
    StringBuilder relative = new StringBuilder();
    for (String segment : logGroup.split("/")) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        continue; // never outside the directory
      }
      relative.append(relative.isEmpty() ? "" : "/").append(segment);
    }
    return dir.resolve(relative.isEmpty() ? "_" : relative.toString() + ".log");
  }

  /** Opens the output for a log group (appending). */
  OutputStream open(String logGroup) throws IOException {
    Path file = file(logGroup);
    if (file == null) {
      return new java.io.FilterOutputStream(stream) {
        @Override
        public void close() {
          stream.flush(); // the shared stream stays open
        }
      };
    }
    Files.createDirectories(file.getParent());
    return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
