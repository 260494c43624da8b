package dev.stepwise.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.observe.Outbox;
import dev.stepwise.engine.observe.StoreObserver;
import dev.stepwise.engine.runtime.TriggerCodec;
import dev.stepwise.engine.store.ExecutionQuery;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.store.StepRecord;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Implementation notes.
 *
 * One writer thread owns the write connection. append() only enqueues; the writer takes whatever
 * is queued (up to MAX_BATCH steps), writes it in one transaction and commits, then completes the
 * futures in queue order. So concurrent executions share commits (group commit), nothing is
 * acknowledged before its transaction is durable, and a step's effects run after it is stored.
 *
 * Durability: WAL with synchronous=NORMAL. A committed transaction survives a crash of the
 * process (kill -9), which is what Stepwise promises; an operating-system crash or power loss may
 * lose the last transactions (synchronous=FULL would fsync every commit).
 *
 * The journal (each execution's triggers) is kept while the execution runs, and after it closes
 * while RedriveExecution may replay it (ExecutionStore.keepsJournal); a success never redriven
 * deletes it. A restart replays it to rebuild the execution exactly. History events are kept.
 */
/** The embedded store: SQLite in WAL mode, group commit, versioned migrations. */
public final class SqliteStore implements ExecutionStore, AutoCloseable {
  private static final int MAX_BATCH = 1_000;
  private static final String FILE = "stepwise.db";

  /** A step to write, or (step null) a barrier completed once everything before it is written. */
  private record Pending(StepRecord step, CompletableFuture<Void> done, boolean stop) {}

  private final Path dataDir;
  private final Connection writer;
  private final Connection reader;

  /**
   * Connections for {@link #find}, the lookup every StartExecution makes: WAL lets them read side
   * by side (and beside the writer) where one shared connection made callers queue.
   */
  private final BlockingQueue<Lookup> lookups;

  private record Lookup(Connection connection, PreparedStatement find) {}

  private static final int LOOKUPS = 4;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writerThread;
  private final Definitions definitions = new Definitions();
  private final SqliteResources resources;
  private volatile boolean closing;
  private volatile Outbox.Source outboxSource = Outbox.Source.NONE;
  private volatile StoreObserver storeObserver = StoreObserver.NONE;
  private @Nullable SqliteOutbox outbox;
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

  private SqliteStore(
      Path dataDir,
      Connection writer,
      Connection reader,
      List<Lookup> lookups,
      Connection resources,
      FileChannel lockChannel,
      FileLock lock) {
    this.resources = new SqliteResources(resources, definitions);
    this.dataDir = dataDir;
    this.writer = writer;
    this.reader = reader;
    this.lookups = new java.util.concurrent.ArrayBlockingQueue<>(lookups.size(), false, lookups);
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.writerThread =
        Thread.ofPlatform().name("stepwise-sqlite-writer").daemon().start(this::writeLoop);
  }

  /**
   * Opens (creating when needed) the store in {@code dataDir}.
   *
   * @throws StoreUnavailableException with a one-line reason: not writable, not a database, in use
   */
  public static SqliteStore open(Path dataDir) throws StoreUnavailableException {
    Path dir = dataDir.toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create the data directory " + dir + ": " + e);
    }
    if (!Files.isWritable(dir)) {
      throw new StoreUnavailableException("the data directory " + dir + " is not writable");
    }
    FileChannel channel;
    FileLock lock;
    try {
      channel =
          FileChannel.open(
              dir.resolve("stepwise.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = tryLock(channel);
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot lock the data directory " + dir + ": " + e.getMessage());
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StoreUnavailableException(
          "the data directory " + dir + " is in use by another Stepwise process");
    }
    String url = "jdbc:sqlite:" + dir.resolve(FILE);
    try {
      if (!upToDate(url)) {
        Flyway.configure()
            .dataSource(url, null, null)
            .locations("classpath:db/sqlite")
            .connectRetries(0)
            .load()
            .migrate();
      }
      Connection writer = connect(url);
      writer.setAutoCommit(false);
      Connection reader = connect(url);
      List<Lookup> lookups = new ArrayList<>();
      for (int i = 0; i < LOOKUPS; i++) {
        Connection c = connect(url);
        lookups.add(new Lookup(c, c.prepareStatement(SELECT_EXECUTION + "WHERE arn = ?")));
      }
      return new SqliteStore(dir, writer, reader, lookups, connect(url), channel, lock);
    } catch (RuntimeException | SQLException e) {
      closeQuietly(channel);
      throw new StoreUnavailableException(
          "cannot open the Stepwise database at " + dir.resolve(FILE) + ": " + rootMessage(e));
    }
  }

  /**
   * Deletes the store in {@code dataDir} and the directory with everything in it: {@code stepwise
   * reset}. Refused while a server holds the directory, and for a directory that holds no store (a
   * mistyped path must not empty someone's folder).
   *
   * @return whether there was a store to delete
   */
  public static boolean erase(Path dataDir) throws StoreUnavailableException {
    Path dir = dataDir.toAbsolutePath();
    if (!Files.isDirectory(dir)) {
      return false;
    }
    if (!Files.exists(dir.resolve("stepwise.lock")) && !Files.exists(dir.resolve(FILE))) {
      throw new StoreUnavailableException(dir + " holds no Stepwise store; nothing was deleted");
    }
    try (FileChannel channel =
        FileChannel.open(
            dir.resolve("stepwise.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new StoreUnavailableException(
            "the data directory " + dir + " is in use by a running Stepwise; stop it first");
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        // Children before their folders; the lock file goes too (held locks don't pin files).
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.delete(p);
          }
        }
      }
      lock.release();
      Files.delete(dir);
      return true;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot delete " + dir + ": " + e.getMessage());
    }
  }

  /** The newest migration under {@code db/sqlite} (a test keeps the two in step). */
  static final int SCHEMA_VERSION = 5;

  /**
   * Whether the database has every migration applied already: then Flyway, a third of a restart's
   * time, is not loaded at all. A fresh or older database goes through Flyway as always.
   */
  private static boolean upToDate(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                  + " AND name = 'flyway_schema_history'")) {
        if (!rs.next() || rs.getInt(1) == 0) {
          return false;
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*), min(success) FROM flyway_schema_history WHERE version IS NOT NULL")) {
        return rs.next() && rs.getInt(1) == SCHEMA_VERSION && rs.getInt(2) == 1;
      }
    }
  }

  /** Null when another process, or another store in this JVM, holds the directory. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null;
    }
  }

  private static Connection connect(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=5000");
      s.execute("PRAGMA foreign_keys=OFF");
      s.executeQuery("SELECT count(*) FROM executions").close();
    }
    return c;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.replace('\n', ' ');
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing on a failure path: the original error is what the user needs
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  /** State machines, activities, versions, aliases, tags and test cases, beside the executions. */
  public SqliteResources resources() {
    return resources;
  }

  /**
   * The outbox, whose rows {@code source} makes for each step in the step's own transaction. Call
   * before the first step is appended.
   */
  public synchronized Outbox outbox(Outbox.Source source) {
    if (outbox == null) {
      try {
        outbox = new SqliteOutbox(connect("jdbc:sqlite:" + dataDir.resolve(FILE)));
      } catch (SQLException e) {
        throw new IllegalStateException("cannot open the outbox: " + rootMessage(e), e);
      }
    }
    outboxSource = source;
    return outbox;
  }

  /** Told of every commit (batch size and time, for metrics). */
  public void observe(StoreObserver observer) {
    storeObserver = observer;
  }

  // ---------------------------------------------------------------------------------------------
  // Writes: group commit

  @Override
  public CompletableFuture<Void> append(StepRecord step) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closing) {
      done.completeExceptionally(new IllegalStateException("the store is closed"));
    } else {
      queue.add(new Pending(step, done, false));
    }
    return done;
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch.stream().filter(p -> p.step() != null).toList());
        boolean stop = false;
        for (Pending p : batch) {
          if (p.step() == null) {
            p.done().complete(null);
            stop |= p.stop();
          }
        }
        if (stop) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /** Waits until every step appended before this call is committed. */
  public void flush() throws InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Pending(null, done, false));
    try {
      done.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    Outbox.Source messages = outboxSource;
    try (PreparedStatement upsert = writer.prepareStatement(UPSERT_EXECUTION);
        PreparedStatement journal =
            writer.prepareStatement(
                "INSERT OR REPLACE INTO journal (execution_arn, sequence, at_nanos, trigger_json) VALUES (?, ?, ?, ?)");
        PreparedStatement events =
            writer.prepareStatement(
                "INSERT OR REPLACE INTO events (execution_arn, id, previous_id, at_nanos, type, details) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement forget =
            writer.prepareStatement("DELETE FROM journal WHERE execution_arn = ?");
        PreparedStatement outboxed =
            writer.prepareStatement("INSERT INTO outbox (sink, body) VALUES (?, ?)")) {
      for (Pending p : batch) {
        StepRecord s = p.step();
        ExecutionRecord r = s.execution();
        String arn = r.spec().executionArn();
        bindExecution(upsert, r);
        upsert.addBatch();
        if (ExecutionStore.keepsJournal(r)) {
          journal.setString(1, arn);
          journal.setLong(2, s.sequence());
          journal.setLong(3, nanos(s.at()));
          journal.setString(4, TriggerCodec.write(s.trigger()));
          journal.addBatch();
        } else {
          forget.setString(1, arn);
          forget.addBatch();
        }
        for (HistoryEvent e : s.step().events()) {
          events.setString(1, arn);
          events.setLong(2, e.id());
          events.setLong(3, e.previousEventId());
          events.setLong(4, nanos(e.timestamp()));
          events.setString(5, e.type().name());
          if (e.details() == null) {
            events.setNull(6, Types.VARCHAR);
          } else {
            events.setString(6, Json.write(e.details()));
          }
          events.addBatch();
        }
        for (Outbox.Draft d : drafts(messages, s)) {
          outboxed.setString(1, d.sink());
          outboxed.setString(2, d.body());
          outboxed.addBatch();
        }
      }
      upsert.executeBatch();
      journal.executeBatch();
      events.executeBatch();
      forget.executeBatch();
      outboxed.executeBatch();
      writer.commit();
      storeObserver.committed(batch.size(), System.nanoTime() - t0);
      batch.forEach(p -> p.done().complete(null));
    } catch (SQLException | RuntimeException e) {
      try {
        writer.rollback();
      } catch (SQLException ignored) {
        // the batch fails either way
      }
      IllegalStateException failure =
          new IllegalStateException(
              "could not store " + batch.size() + " steps: " + rootMessage(e), e);
      LOG.error("The store could not write {} steps: {}", batch.size(), rootMessage(e));
      batch.forEach(p -> p.done().completeExceptionally(failure));
    }
  }

  /** The step's outbox messages; a fault there loses them, never the step. */
  private static List<Outbox.Draft> drafts(Outbox.Source source, StepRecord step) {
    try {
      return source.messages(step);
    } catch (RuntimeException e) {
      LOG.error(
          "No status-change event for {}: {}",
          step.execution().spec().executionArn(),
          e.toString());
      return List.of();
    }
  }

  private static final String UPSERT_EXECUTION =
      "INSERT INTO executions (arn, name, state_machine_arn, state_machine_name, definition, type,"
          + " input, role_arn, start_nanos, version_arn, alias_arn, record_history, seed, status,"
          + " output, error, cause, stop_nanos, redrive_count, redrive_nanos) VALUES (?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (arn) DO UPDATE SET"
          + " status = excluded.status, output = excluded.output, error = excluded.error, cause ="
          + " excluded.cause, stop_nanos = excluded.stop_nanos, redrive_count ="
          + " excluded.redrive_count, redrive_nanos = excluded.redrive_nanos";

  private static void bindExecution(PreparedStatement st, ExecutionRecord r) throws SQLException {
    ExecutionSpec spec = r.spec();
    st.setString(1, spec.executionArn());
    st.setString(2, spec.name());
    st.setString(3, spec.stateMachineArn());
    st.setString(4, spec.stateMachineName());
    st.setString(5, Json.write(spec.machine().definition()));
    st.setString(6, spec.type().name());
    st.setString(7, Json.write(spec.input()));
    st.setString(8, spec.roleArn());
    st.setLong(9, nanos(spec.startTime()));
    st.setString(10, spec.stateMachineVersionArn());
    st.setString(11, spec.stateMachineAliasArn());
    st.setInt(12, spec.recordHistory() ? 1 : 0);
    st.setLong(13, r.seed());
    st.setString(14, r.status().name());
    st.setString(15, r.output() == null ? null : Json.write(r.output()));
    st.setString(16, r.error());
    st.setString(17, r.cause());
    if (r.stopDate() == null) {
      st.setNull(18, Types.INTEGER);
    } else {
      st.setLong(18, nanos(r.stopDate()));
    }
    st.setInt(19, r.redriveCount());
    if (r.redriveDate() == null) {
      st.setNull(20, Types.INTEGER);
    } else {
      st.setLong(20, nanos(r.redriveDate()));
    }
  }

  static long nanos(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  private static final String SELECT_EXECUTION =
      "SELECT arn, name, state_machine_arn, state_machine_name, definition, type, input, role_arn,"
          + " start_nanos, version_arn, alias_arn, record_history, seed, status, output, error,"
          + " cause, stop_nanos, redrive_count, redrive_nanos FROM executions ";

  @Override
  public boolean reloads() {
    return true;
  }

  @Override
  public Optional<ExecutionRecord> find(String executionArn) {
    Lookup lookup;
    try {
      lookup = lookups.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + executionArn, e);
    }
    try {
      PreparedStatement st = lookup.find();
      st.setString(1, executionArn);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(record(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read execution " + executionArn + ": " + rootMessage(e), e);
    } finally {
      lookups.add(lookup);
    }
  }

  @Override
  public synchronized List<HistoryEvent> history(String executionArn) {
    List<HistoryEvent> out = new ArrayList<>();
    try (PreparedStatement st =
        reader.prepareStatement(
            "SELECT id, previous_id, at_nanos, type, details FROM events WHERE execution_arn = ? ORDER BY id")) {
      st.setString(1, executionArn);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String details = rs.getString(5);
          out.add(
              new HistoryEvent(
                  rs.getLong(1),
                  rs.getLong(2),
                  instant(rs.getLong(3)),
                  EventType.valueOf(rs.getString(4)),
                  details == null ? null : (ObjectNode) parse(details)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read history of " + executionArn + ": " + rootMessage(e), e);
    }
  }

  @Override
  public synchronized List<ExecutionRecord> list(ExecutionQuery q) {
    StringBuilder sql = new StringBuilder(SELECT_EXECUTION + "WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.stateMachineArn() != null) {
      sql.append(" AND state_machine_arn = ?");
      args.add(q.stateMachineArn());
    }
    if (q.status() != null) {
      sql.append(" AND status = ?");
      args.add(q.status().name());
    }
    if (q.startedBy() != null) {
      sql.append(" AND json_extract(input, '$.").append(ExecutionQuery.STARTED_BY).append("') = ?");
      args.add(q.startedBy());
    }
    if (q.after() != null) {
      sql.append(" AND (start_nanos < ? OR (start_nanos = ? AND arn < ?))");
      long n = nanos(q.after().startTime());
      args.add(n);
      args.add(n);
      args.add(q.after().executionArn());
    }
    sql.append(" ORDER BY start_nanos DESC, arn DESC LIMIT ?");
    args.add(q.limit());
    return query(sql.toString(), args);
  }

  @Override
  public synchronized List<ExecutionRecord> running() {
    return query(SELECT_EXECUTION + "WHERE status = 'RUNNING'", List.of());
  }

  @Override
  public synchronized long lastEventId(String executionArn) {
    try (PreparedStatement st =
        reader.prepareStatement(
            "SELECT coalesce(max(id), 0) FROM events WHERE execution_arn = ?")) {
      st.setString(1, executionArn);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the history of " + executionArn + ": " + rootMessage(e), e);
    }
  }

  @Override
  public synchronized List<JournalEntry> journal(String executionArn) {
    List<JournalEntry> out = new ArrayList<>();
    try (PreparedStatement st =
        reader.prepareStatement(
            "SELECT sequence, at_nanos, trigger_json FROM journal WHERE execution_arn = ? ORDER BY sequence")) {
      st.setString(1, executionArn);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(
              new JournalEntry(
                  rs.getLong(1), TriggerCodec.read(rs.getString(3)), instant(rs.getLong(2))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the journal of " + executionArn + ": " + rootMessage(e), e);
    }
  }

  private List<ExecutionRecord> query(String sql, List<Object> args) {
    List<ExecutionRecord> out = new ArrayList<>();
    try (PreparedStatement st = reader.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        st.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(record(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list executions: " + rootMessage(e), e);
    }
  }

  private ExecutionRecord record(ResultSet rs) throws SQLException {
    MachineType type = MachineType.valueOf(rs.getString(6));
    long stop = rs.getLong(18);
    boolean stopped = !rs.wasNull();
    long redriven = rs.getLong(20);
    boolean wasRedriven = !rs.wasNull();
    String output = rs.getString(15);
    ExecutionSpec spec =
        new ExecutionSpec(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            definitions.machine(rs.getString(5), type),
            type,
            parse(rs.getString(7)),
            rs.getString(8),
            instant(rs.getLong(9)),
            rs.getString(10),
            rs.getString(11),
            rs.getInt(12) == 1);
    return new ExecutionRecord(
        spec,
        rs.getLong(13),
        ExecutionStatus.valueOf(rs.getString(14)),
        output == null ? null : parse(output),
        rs.getString(16),
        rs.getString(17),
        stopped ? instant(stop) : null,
        rs.getInt(19),
        wasRedriven ? instant(redriven) : null);
  }

  static JsonNode parse(String text) {
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON in the store: " + e.getOriginalMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Retention and shutdown

  /** Deletes executions (history included) closed before {@code cutoff}; returns how many. */
  public synchronized int purgeClosedBefore(Instant cutoff) {
    long n = nanos(cutoff);
    try (PreparedStatement journal =
            reader.prepareStatement(
                "DELETE FROM journal WHERE execution_arn IN (SELECT arn FROM executions WHERE status <> 'RUNNING' AND stop_nanos < ?)");
        PreparedStatement events =
            reader.prepareStatement(
                "DELETE FROM events WHERE execution_arn IN (SELECT arn FROM executions WHERE status <> 'RUNNING' AND stop_nanos < ?)");
        PreparedStatement executions =
            reader.prepareStatement(
                "DELETE FROM executions WHERE status <> 'RUNNING' AND stop_nanos < ?")) {
      journal.setLong(1, n);
      journal.executeUpdate();
      events.setLong(1, n);
      events.executeUpdate();
      executions.setLong(1, n);
      return executions.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot purge closed executions: " + rootMessage(e), e);
    }
  }

  /** Writes what is queued, then closes. */
  @Override
  public void close() {
    closing = true;
    queue.add(new Pending(null, new CompletableFuture<>(), true));
    try {
      writerThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(writer);
    closeQuietly(reader);
    synchronized (this) {
      if (outbox != null) {
        outbox.close();
      }
    }
    lookups.forEach(l -> closeQuietly(l.connection()));
    resources.close();
    closeQuietly(lock);
    closeQuietly(lockChannel);
  }

  /** The store cannot be opened; the message is one line for the user. */
  public static final class StoreUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
      super(message, null, false, false);
    }
  }
}
