package dev.stepwise.observability.events;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Appends each event to a file as one JSON line, forced to disk before it counts as delivered. */
final class FileSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);

  private final String name;
  private final Path path;
  private FileChannel channel;

  FileSink(String name, Path path) throws IOException {
    this.name = name;
    this.path = path;
    this.channel = open(path);
  }

  private static FileChannel open(Path path) throws IOException {
    return FileChannel.open(
        path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized boolean deliver(String body) {
    try {
      if (!channel.isOpen()) {
        channel = open(path);
      }
      channel.write(java.nio.ByteBuffer.wrap((body + "\n").getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return true;
    } catch (IOException e) {
      LOG.warn("Event sink {} cannot write {}: {}", name, path, e.getMessage());
      return false;
    }
  }

  @Override
  public String describe() {
    return "file " + path;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing at shutdown
    }
  }
}
