// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.ParseProblem;
import dev.trailwatch.store.CommittedFile;
import dev.trailwatch.store.EventStore;
import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.FileStatus;
import dev.trailwatch.store.StoreException;
import dev.trailwatch.store.StoredFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EventStore} in one DuckDB file. Staged rows go to temporary tables (lost, harmlessly, in a
 * crash) through the Appender; {@link #commit} moves a group of files' rows into the real tables in one
 * transaction, dropping events already stored.
 */
public final class DuckDbEventStore implements EventStore {
  private final Connection conn;
  private final DuckDBAppender stageEvents;
  private final Path dataDir;
  private long lastFileId;

  private DuckDbEventStore(Path dataDir, Connection conn) throws SQLException {
    this.dataDir = dataDir;
    this.conn = conn;
    try (Statement s = conn.createStatement()) {
      for (String ddl : StoreSchema.CREATE) {
        s.execute(ddl);
      }
      for (String ddl : StoreSchema.CREATE_STAGING) {
        s.execute(ddl);
      }
      try (ResultSet rs = s.executeQuery("SELECT coalesce(max(file_id), 0) FROM files")) {
        rs.next();
        lastFileId = rs.getLong(1);
      }
    }
    this.stageEvents = conn.unwrap(DuckDBConnection.class).createAppender("temp", "main", "stage_events");
  }

  /** Opens (creating if needed) the store in {@code dataDir} for writing. */
  public static DuckDbEventStore open(Path dataDir) {
    Connection c = DuckDbConnections.open(dataDir, false);
    try {
      return new DuckDbEventStore(dataDir, c);
    } catch (SQLException e) {
      closeQuietly(c, e);
      throw new StoreException("cannot prepare the store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** The data folder this store lives in. */
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public Optional<StoredFile> findLatestFile(String source) {
    String sql =
        "SELECT file_id, size, last_modified, etag, sha256, format, status FROM files WHERE source = ? ORDER BY file_id DESC LIMIT 1";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        LocalDateTime modified = rs.getObject(3, LocalDateTime.class);
        return Optional.of(
            new StoredFile(
                rs.getLong(1), source, rs.getLong(2),
                modified == null ? null : modified.toInstant(ZoneOffset.UTC), rs.getString(4), rs.getString(5),
                rs.getString(6), FileStatus.valueOf(rs.getString(7).toUpperCase(java.util.Locale.ROOT))));
      }
    } catch (SQLException e) {
      throw failure("read the files ledger", e);
    }
  }

  @Override
  public long nextFileId() {
    return ++lastFileId;
  }

  @Override
  public void stageEvents(long fileId, List<CloudTrailEvent> events) {
    try {
      for (CloudTrailEvent e : events) {
        EventRows.append(stageEvents, fileId, e);
      }
    } catch (SQLException e) {
      throw failure("stage events", e);
    }
  }

  @Override
  public void stageRawChunk(long fileId, int seq, byte[] data, int length) {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO stage_raw VALUES (?, ?, ?)")) {
      ps.setLong(1, fileId);
      ps.setInt(2, seq);
      ps.setBytes(3, length == data.length ? data : java.util.Arrays.copyOf(data, length));
      ps.execute();
    } catch (SQLException e) {
      throw failure("stage raw bytes", e);
    }
  }

  @Override
  public void stageProblems(long fileId, String source, List<ParseProblem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO stage_problems VALUES (?, ?, ?, ?, ?, ?)")) {
      for (ParseProblem p : problems) {
        ps.setLong(1, fileId);
        ps.setString(2, source);
        ps.setInt(3, p.recordIndex());
        ps.setLong(4, p.byteOffset());
        ps.setString(5, p.reason());
        ps.setString(6, p.rawText());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw failure("stage problems", e);
    }
  }

  @Override
  public void discardStaged(long fileId) {
    try {
      stageEvents.flush();
      for (String table : List.of("stage_events", "stage_raw", "stage_problems")) {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + table + " WHERE file_id = ?")) {
          ps.setLong(1, fileId);
          ps.execute();
        }
      }
    } catch (SQLException e) {
      throw failure("discard staged rows", e);
    }
  }

  @Override
  public List<CommittedFile> commit(List<FileEntry> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    try {
      stageEvents.flush();
      try (Statement s = conn.createStatement()) {
        s.execute("DELETE FROM stage_ready");
      }
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO stage_ready VALUES (?)")) {
        for (FileEntry f : files) {
          ps.setLong(1, f.fileId());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      Map<Long, Integer> staged = countByFile("SELECT file_id, count(*) FROM stage_events WHERE file_id IN (SELECT file_id FROM stage_ready) GROUP BY file_id");
      conn.setAutoCommit(false);
      Map<Long, Integer> stored;
      try (Statement s = conn.createStatement()) {
        s.execute("INSERT INTO raw_chunks SELECT file_id, seq, data FROM stage_raw WHERE file_id IN (SELECT file_id FROM stage_ready)");
        s.execute(
            """
            INSERT INTO events
            SELECT * EXCLUDE (rn) FROM (
              SELECT *, row_number() OVER (
                  PARTITION BY coalesce(recipient_account_id, ''), event_key ORDER BY file_id, record_index) AS rn
              FROM stage_events s
              WHERE file_id IN (SELECT file_id FROM stage_ready)
            ) s
            WHERE rn = 1 AND NOT EXISTS (
              SELECT 1 FROM events e
              WHERE coalesce(e.recipient_account_id, '') = coalesce(s.recipient_account_id, '')
                AND e.event_key = s.event_key)
            ORDER BY file_id, record_index""");
        s.execute(
            "INSERT INTO problems SELECT * FROM stage_problems WHERE file_id IN (SELECT file_id FROM stage_ready)");
        stored = countByFile("SELECT file_id, count(*) FROM events WHERE file_id IN (SELECT file_id FROM stage_ready) GROUP BY file_id");
        insertLedgerRows(files, staged, stored);
        conn.commit();
      } catch (SQLException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
      try (Statement s = conn.createStatement()) {
        for (String table : List.of("stage_events", "stage_raw", "stage_problems")) {
          s.execute("DELETE FROM " + table + " WHERE file_id IN (SELECT file_id FROM stage_ready)");
        }
      }
      List<CommittedFile> out = new ArrayList<>(files.size());
      for (FileEntry f : files) {
        int n = stored.getOrDefault(f.fileId(), 0);
        out.add(new CommittedFile(f, n, staged.getOrDefault(f.fileId(), 0) - n));
      }
      return out;
    } catch (SQLException e) {
      throw failure("commit " + files.size() + " files", e);
    }
  }

  private void insertLedgerRows(List<FileEntry> files, Map<Long, Integer> staged, Map<Long, Integer> stored)
      throws SQLException {
    String sql = "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    Timestamp now = utc(Instant.now());
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (FileEntry f : files) {
        int n = stored.getOrDefault(f.fileId(), 0);
        ps.setLong(1, f.fileId());
        ps.setString(2, f.source());
        ps.setLong(3, f.size());
        ps.setObject(4, f.lastModified() == null ? null : LocalDateTime.ofInstant(f.lastModified(), ZoneOffset.UTC));
        ps.setString(5, f.etag());
        ps.setString(6, f.sha256());
        ps.setString(7, f.summary().format().name().toLowerCase(java.util.Locale.ROOT));
        ps.setString(8, f.status().label());
        ps.setInt(9, f.summary().records());
        ps.setInt(10, n);
        ps.setInt(11, staged.getOrDefault(f.fileId(), 0) - n);
        ps.setInt(12, f.summary().problems());
        ps.setInt(13, f.summary().recordsWithUnknownFields());
        ps.setLong(14, f.summary().decompressedBytes());
        ps.setObject(15, now.toLocalDateTime());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static Timestamp utc(Instant t) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  private Map<Long, Integer> countByFile(String sql) throws SQLException {
    Map<Long, Integer> counts = new HashMap<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        counts.put(rs.getLong(1), rs.getInt(2));
      }
    }
    return counts;
  }

  @Override
  public Optional<String> findOriginalRecord(String recipientAccountId, String eventKey) {
    return RawRecords.find(conn, recipientAccountId, eventKey);
  }

  @Override
  public long countEvents() {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failure("count events", e);
    }
  }

  @Override
  public void close() {
    try {
      stageEvents.close();
      conn.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException("store failed to " + what + ": " + DuckDbConnections.firstLine(String.valueOf(e.getMessage())), e);
  }

  private static void closeQuietly(Connection c, Exception primary) {
    try {
      c.close();
    } catch (SQLException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }

  static @Nullable Instant instant(@Nullable LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }
}
