package dev.stepwise.store.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.service.ActivityRecord;
import dev.stepwise.engine.service.ResourceStore;
import dev.stepwise.engine.service.StateMachineAlias;
import dev.stepwise.engine.service.StateMachineStore;
import dev.stepwise.engine.service.StateMachineVersion;
import dev.stepwise.engine.service.StepFunctionsService.StateMachineRecord;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the control plane keeps beside executions: state machines, activities, versions, aliases,
 * tags and the mock test cases of open executions. Small, rare writes on a connection of its own.
 */
public final class SqliteResources implements StateMachineStore, ResourceStore, AutoCloseable {
  private final Connection conn;
  private final Definitions definitions;

  SqliteResources(Connection conn, Definitions definitions) {
    this.conn = conn;
    this.definitions = definitions;
  }

  // ---------------------------------------------------------------------------------------------
  // State machines

  @Override
  public synchronized void save(StateMachineRecord sm) {
    try (PreparedStatement st =
        conn.prepareStatement(
            "INSERT OR REPLACE INTO state_machines (arn, name, definition, type, role_arn,"
                + " created_nanos, updated_nanos, revision_id, logging, tracing) VALUES (?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, sm.arn());
      st.setString(2, sm.name());
      st.setString(3, sm.definition());
      st.setString(4, sm.type().name());
      st.setString(5, sm.roleArn());
      st.setLong(6, SqliteStore.nanos(sm.creationDate()));
      st.setLong(7, SqliteStore.nanos(sm.updateDate()));
      st.setString(8, sm.revisionId());
      st.setString(
          9, sm.loggingConfiguration() == null ? null : Json.write(sm.loggingConfiguration()));
      st.setString(
          10, sm.tracingConfiguration() == null ? null : Json.write(sm.tracingConfiguration()));
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store state machine " + sm.arn() + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized void delete(String arn) {
    try (PreparedStatement st = conn.prepareStatement("DELETE FROM state_machines WHERE arn = ?")) {
      st.setString(1, arn);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot delete state machine " + arn + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized void markDeleting(String arn) {
    try (PreparedStatement st =
        conn.prepareStatement("UPDATE state_machines SET deleting = 1 WHERE arn = ?")) {
      st.setString(1, arn);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot mark state machine " + arn + " deleting: " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized java.util.Set<String> deleting() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT arn FROM state_machines WHERE deleting = 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read deleting state machines: " + SqliteStore.rootMessage(e), e);
    }
    return out;
  }

  @Override
  public synchronized List<StateMachineRecord> all() {
    List<StateMachineRecord> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT arn, name, definition, type, role_arn, created_nanos, updated_nanos,"
                    + " revision_id, logging, tracing FROM state_machines ORDER BY name")) {
      while (rs.next()) {
        MachineType type = MachineType.valueOf(rs.getString(4));
        Instant created = SqliteStore.instant(rs.getLong(6));
        long updated = rs.getLong(7);
        boolean neverUpdated = rs.wasNull();
        String logging = rs.getString(9);
        String tracing = rs.getString(10);
        out.add(
            new StateMachineRecord(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                definitions.machine(rs.getString(3), type),
                type,
                rs.getString(5),
                created,
                neverUpdated ? created : SqliteStore.instant(updated),
                rs.getString(8),
                logging == null ? null : (ObjectNode) SqliteStore.parse(logging),
                tracing == null ? null : (ObjectNode) SqliteStore.parse(tracing)));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read state machines: " + SqliteStore.rootMessage(e), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Activities

  @Override
  public synchronized void saveActivity(ActivityRecord activity) {
    try (PreparedStatement st =
        conn.prepareStatement(
            "INSERT OR REPLACE INTO activities (arn, name, created_nanos) VALUES (?, ?, ?)")) {
      st.setString(1, activity.arn());
      st.setString(2, activity.name());
      st.setLong(3, SqliteStore.nanos(activity.creationDate()));
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store activity " + activity.arn() + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized void deleteActivity(String arn) {
    try (PreparedStatement st = conn.prepareStatement("DELETE FROM activities WHERE arn = ?")) {
      st.setString(1, arn);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot delete activity " + arn + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized List<ActivityRecord> activities() {
    List<ActivityRecord> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT arn, name, created_nanos FROM activities ORDER BY name")) {
      while (rs.next()) {
        out.add(
            new ActivityRecord(
                rs.getString(1), rs.getString(2), SqliteStore.instant(rs.getLong(3))));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read activities: " + SqliteStore.rootMessage(e), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Versions and aliases

  @Override
  public synchronized void saveVersion(StateMachineVersion v) {
    StateMachineRecord sm = v.machine();
    try (PreparedStatement st =
        conn.prepareStatement(
            "INSERT OR REPLACE INTO state_machine_versions (arn, state_machine_arn, number, name,"
                + " definition, type, role_arn, machine_created, machine_updated, revision_id,"
                + " logging, tracing, description, created_nanos) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, v.arn());
      st.setString(2, sm.arn());
      st.setLong(3, v.number());
      st.setString(4, sm.name());
      st.setString(5, sm.definition());
      st.setString(6, sm.type().name());
      st.setString(7, sm.roleArn());
      st.setLong(8, SqliteStore.nanos(sm.creationDate()));
      st.setLong(9, SqliteStore.nanos(sm.updateDate()));
      st.setString(10, sm.revisionId());
      st.setString(
          11, sm.loggingConfiguration() == null ? null : Json.write(sm.loggingConfiguration()));
      st.setString(
          12, sm.tracingConfiguration() == null ? null : Json.write(sm.tracingConfiguration()));
      st.setString(13, v.description());
      st.setLong(14, SqliteStore.nanos(v.creationDate()));
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store version " + v.arn() + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized void deleteVersion(String arn) {
    update("DELETE FROM state_machine_versions WHERE arn = ?", arn);
  }

  @Override
  public synchronized List<StateMachineVersion> versions() {
    List<StateMachineVersion> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT arn, state_machine_arn, number, name, definition, type, role_arn,"
                    + " machine_created, machine_updated, revision_id, logging, tracing,"
                    + " description, created_nanos FROM state_machine_versions ORDER BY arn")) {
      while (rs.next()) {
        MachineType type = MachineType.valueOf(rs.getString(6));
        String logging = rs.getString(11);
        String tracing = rs.getString(12);
        StateMachineRecord sm =
            new StateMachineRecord(
                rs.getString(2),
                rs.getString(4),
                rs.getString(5),
                definitions.machine(rs.getString(5), type),
                type,
                rs.getString(7),
                SqliteStore.instant(rs.getLong(8)),
                SqliteStore.instant(rs.getLong(9)),
                rs.getString(10),
                logging == null ? null : (ObjectNode) SqliteStore.parse(logging),
                tracing == null ? null : (ObjectNode) SqliteStore.parse(tracing));
        out.add(
            new StateMachineVersion(
                rs.getString(1),
                rs.getLong(3),
                sm,
                rs.getString(13),
                SqliteStore.instant(rs.getLong(14))));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read versions: " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized void saveLastVersion(String stateMachineArn, long number) {
    if (number == 0) {
      update(
          "DELETE FROM state_machine_last_versions WHERE state_machine_arn = ?", stateMachineArn);
      return;
    }
    try (PreparedStatement st =
        conn.prepareStatement(
            "INSERT OR REPLACE INTO state_machine_last_versions (state_machine_arn, number)"
                + " VALUES (?, ?)")) {
      st.setString(1, stateMachineArn);
      st.setLong(2, number);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store the version count of "
              + stateMachineArn
              + ": "
              + SqliteStore.rootMessage(e),
          e);
    }
  }

  @Override
  public synchronized java.util.Map<String, Long> lastVersions() {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT state_machine_arn, number FROM state_machine_last_versions")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read version counts: " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized void saveAlias(StateMachineAlias a) {
    com.fasterxml.jackson.databind.node.ArrayNode routing = Json.NODES.arrayNode();
    for (StateMachineAlias.Route r : a.routing()) {
      routing
          .addObject()
          .put("stateMachineVersionArn", r.stateMachineVersionArn())
          .put("weight", r.weight());
    }
    try (PreparedStatement st =
        conn.prepareStatement(
            "INSERT OR REPLACE INTO state_machine_aliases (arn, state_machine_arn, name,"
                + " description, routing, created_nanos, updated_nanos) VALUES (?, ?, ?, ?, ?, ?,"
                + " ?)")) {
      st.setString(1, a.arn());
      st.setString(2, a.stateMachineArn());
      st.setString(3, a.name());
      st.setString(4, a.description());
      st.setString(5, Json.write(routing));
      st.setLong(6, SqliteStore.nanos(a.creationDate()));
      st.setLong(7, SqliteStore.nanos(a.updateDate()));
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store alias " + a.arn() + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized void deleteAlias(String arn) {
    update("DELETE FROM state_machine_aliases WHERE arn = ?", arn);
  }

  @Override
  public synchronized List<StateMachineAlias> aliases() {
    List<StateMachineAlias> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT arn, state_machine_arn, name, description, routing, created_nanos,"
                    + " updated_nanos FROM state_machine_aliases ORDER BY arn")) {
      while (rs.next()) {
        List<StateMachineAlias.Route> routing = new ArrayList<>();
        for (JsonNode r : SqliteStore.parse(rs.getString(5))) {
          routing.add(
              new StateMachineAlias.Route(
                  r.path("stateMachineVersionArn").asText(), r.path("weight").asInt()));
        }
        out.add(
            new StateMachineAlias(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                routing,
                SqliteStore.instant(rs.getLong(6)),
                SqliteStore.instant(rs.getLong(7))));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read aliases: " + SqliteStore.rootMessage(e), e);
    }
  }

  private void update(String sql, String arg) {
    try (PreparedStatement st = conn.prepareStatement(sql)) {
      st.setString(1, arg);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update the store: " + SqliteStore.rootMessage(e), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Tags

  @Override
  public synchronized void saveTags(String resourceArn, java.util.Map<String, String> tags) {
    try (PreparedStatement delete =
            conn.prepareStatement("DELETE FROM tags WHERE resource_arn = ?");
        PreparedStatement insert =
            conn.prepareStatement(
                "INSERT INTO tags (resource_arn, position, tag_key, tag_value) VALUES (?, ?, ?,"
                    + " ?)")) {
      conn.setAutoCommit(false);
      try {
        delete.setString(1, resourceArn);
        delete.executeUpdate();
        int position = 0;
        for (java.util.Map.Entry<String, String> tag : tags.entrySet()) {
          insert.setString(1, resourceArn);
          insert.setInt(2, position++);
          insert.setString(3, tag.getKey());
          insert.setString(4, tag.getValue());
          insert.addBatch();
        }
        insert.executeBatch();
        conn.commit();
      } catch (SQLException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store the tags of " + resourceArn + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public synchronized java.util.Map<String, java.util.Map<String, String>> tags() {
    java.util.Map<String, java.util.Map<String, String>> out = new java.util.LinkedHashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT resource_arn, tag_key, tag_value FROM tags ORDER BY resource_arn,"
                    + " position")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString(1), arn -> new java.util.LinkedHashMap<>())
            .put(rs.getString(2), rs.getString(3));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read tags: " + SqliteStore.rootMessage(e), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Mock test cases of open executions

  @Override
  public synchronized void saveTestCase(
      String executionArn, @org.jspecify.annotations.Nullable String testCase) {
    try (PreparedStatement st =
        conn.prepareStatement(
            testCase == null
                ? "DELETE FROM execution_test_cases WHERE execution_arn = ?"
                : "INSERT OR REPLACE INTO execution_test_cases (execution_arn, test_case)"
                    + " VALUES (?, ?)")) {
      st.setString(1, executionArn);
      if (testCase != null) {
        st.setString(2, testCase);
      }
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store the test case of " + executionArn + ": " + SqliteStore.rootMessage(e), e);
    }
  }

  /** Those of running executions; the rows of closed ones (a crash left them) are dropped. */
  @Override
  public synchronized java.util.Map<String, String> testCases() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    try (Statement st = conn.createStatement()) {
      st.executeUpdate(
          "DELETE FROM execution_test_cases WHERE execution_arn NOT IN"
              + " (SELECT arn FROM executions WHERE status = 'RUNNING')");
      try (ResultSet rs =
          st.executeQuery("SELECT execution_arn, test_case FROM execution_test_cases")) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read test cases: " + SqliteStore.rootMessage(e), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Secrets

  @Override
  public synchronized java.util.Optional<byte[]> tokenKey() {
    try (PreparedStatement read =
        conn.prepareStatement("SELECT value FROM store_secrets WHERE name = 'page-tokens'")) {
      try (ResultSet rs = read.executeQuery()) {
        if (rs.next()) {
          return java.util.Optional.of(rs.getBytes(1));
        }
      }
      byte[] key = new byte[32];
      new java.security.SecureRandom().nextBytes(key);
      try (PreparedStatement write =
          conn.prepareStatement(
              "INSERT INTO store_secrets (name, value) VALUES ('page-tokens', ?)")) {
        write.setBytes(1, key);
        write.executeUpdate();
      }
      return java.util.Optional.of(key);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read or store the page token key: " + SqliteStore.rootMessage(e), e);
    }
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // closing: nothing more to store
    }
  }
}
