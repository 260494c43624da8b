package dev.stepwise.store.sqlite;

import dev.stepwise.engine.observe.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox table read and trimmed by the sinks' delivery threads, on a connection of its own; the
 * store's writer adds the rows, in each step's transaction.
 */
final class SqliteOutbox implements Outbox, AutoCloseable {
  private final Connection connection;

  SqliteOutbox(Connection connection) {
    this.connection = connection;
  }

  @Override
  public synchronized List<Message> due(String sink, Instant now, int max) {
    List<Message> out = new ArrayList<>();
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT id, body, attempts, due_nanos FROM outbox WHERE sink = ? ORDER BY id LIMIT ?")) {
      st.setString(1, sink);
      st.setInt(2, max);
      long limit = SqliteStore.nanos(now);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next() && rs.getLong(4) <= limit) {
          out.add(
              new Message(
                  rs.getLong(1),
                  sink,
                  rs.getString(2),
                  rs.getInt(3),
                  SqliteStore.instant(rs.getLong(4))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the outbox of " + sink + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized void delivered(long id) {
    update("DELETE FROM outbox WHERE id = ?", id);
  }

  @Override
  public synchronized void retryAt(long id, int attempts, Instant due) {
    update(
        "UPDATE outbox SET attempts = ?, due_nanos = ? WHERE id = ?",
        attempts,
        SqliteStore.nanos(due),
        id);
  }

  @Override
  public synchronized int pending(String sink) {
    try (PreparedStatement st =
        connection.prepareStatement("SELECT count(*) FROM outbox WHERE sink = ?")) {
      st.setString(1, sink);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot count the outbox of " + sink + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  private void update(String sql, long... args) {
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setLong(i + 1, args[i]);
      }
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update the outbox: " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing at shutdown: nothing left to do with it
    }
  }
}
