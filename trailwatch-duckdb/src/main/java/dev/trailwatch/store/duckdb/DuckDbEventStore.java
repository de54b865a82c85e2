// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.detect.sigma.Correlation;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.ParseProblem;
import dev.trailwatch.store.EventStore;
import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.StoreException;
import dev.trailwatch.store.StoredFile;
import dev.trailwatch.store.StoredProblem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EventStore} in one DuckDB file. Rows go straight into the real tables inside one open transaction,
 * events each once ({@link EventsOnce}) and the other tables' rows through Appenders (DuckDB makes appender flushes
 * part of the connection's transaction), so nothing is copied twice.
 */
public final class DuckDbEventStore implements EventStore {
  private final Connection conn;
  private final Path dataDir;
  private final EventsOnce events;
  private final DuckDBAppender rawChunks;
  private final DuckDBAppender problems;
  private final DuckDBAppender files;
  private final DuckDBAppender matches;
  private final DuckDBAppender correlationEvents;
  /** Matches of the open transaction folded by dedupe key; written as one row per key at commit. */
  private final Map<String, FoldedMatches> folded = new HashMap<>();
  private final Ledger ledger = new Ledger();
  private long lastFileId;

  private DuckDbEventStore(Path dataDir, Connection conn) throws SQLException {
    this.dataDir = dataDir;
    this.conn = conn;
    try (Statement s = conn.createStatement()) {
      for (String ddl : StoreSchema.CREATE) {
        s.execute(ddl);
      }
      try (ResultSet rs = s.executeQuery("SELECT coalesce(max(file_id), 0) FROM files")) {
        rs.next();
        lastFileId = rs.getLong(1);
      }
    }
    conn.setAutoCommit(false);
    DuckDBConnection duck = conn.unwrap(DuckDBConnection.class);
    this.rawChunks = duck.createAppender("main", "raw_chunks");
    this.problems = duck.createAppender("main", "problems");
    this.files = duck.createAppender("main", "files");
    this.matches = duck.createAppender("main", "matches");
    this.correlationEvents = duck.createAppender("main", "correlation_events");
    openTransaction();
    createFindingsView();
    this.events = new EventsOnce(duck); // last: it holds memory outside the heap, which a failed constructor would not free
  }

  /** Opens (creating if needed) the store in {@code dataDir} for writing, in a database of its own. */
  public static DuckDbEventStore open(Path dataDir) {
    EventBatch.checkUsable();
    Connection c = DuckDbConnections.openForIngest(dataDir);
    try {
      return new DuckDbEventStore(dataDir, c);
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new StoreException("cannot prepare the store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * A writer on a database another part of this process already has open (the dashboard server when it
   * also ingests): a new connection on the same instance, closed with this store.
   */
  public static DuckDbEventStore sharing(DuckDBConnection database, Path dataDir) {
    EventBatch.checkUsable();
    try {
      return new DuckDbEventStore(dataDir, database.duplicate());
    } catch (SQLException e) {
      throw new StoreException("cannot write to the open store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** The data folder this store lives in. */
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public Map<String, StoredFile> latestFiles(Collection<String> sources) {
    try {
      return ledger.latest(conn, sources);
    } catch (SQLException e) {
      throw failure("read the files ledger", e);
    }
  }

  @Override
  public long nextFileId() {
    return ++lastFileId;
  }

  @Override
  public BitSet addEvents(long fileId, List<CloudTrailEvent> batch) {
    try {
      return events.add(fileId, batch);
    } catch (SQLException e) {
      throw failure("add events", e);
    }
  }

  @Override
  public void addMatches(long fileId, List<RuleMatch> found) {
    try {
      for (RuleMatch m : found) {
        addMatch(fileId, m); // a method of its own: the JIT compiles the body once, not also on the loop
      }
    } catch (SQLException e) {
      throw failure("add rule matches", e);
    }
  }

  private void addMatch(long fileId, RuleMatch m) throws SQLException {
    Appends.correlationRows(correlationEvents, fileId, m);
    if (m.finding()) {
      folded.computeIfAbsent(m.dedupeKey(), k -> new FoldedMatches(m)).add(fileId, m.event());
    }
  }

  @Override
  public void defineCorrelations(List<Correlation> correlations, Map<String, List<String>> ruleIds) {
    try (PreparedStatement del = conn.prepareStatement("DELETE FROM correlation_views WHERE correlation_id = ?");
        PreparedStatement ins = conn.prepareStatement("INSERT INTO correlation_views VALUES (?, ?)")) {
      for (Correlation c : correlations) {
        del.setString(1, c.id());
        del.execute();
        ins.setString(1, c.id());
        ins.setString(2, FindingViews.correlationSql(c, ruleIds.getOrDefault(c.id(), List.of())));
        ins.execute();
      }
      createFindingsView();
    } catch (SQLException e) {
      throw failure("define correlations", e);
    }
  }

  private void createFindingsView() throws SQLException {
    List<String> views = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement("SELECT view_sql FROM correlation_views ORDER BY correlation_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        views.add(rs.getString(1));
      }
    }
    try (Statement s = conn.createStatement()) {
      s.execute(FindingViews.sql(views));
    }
  }

  @Override
  public void addRawChunk(long fileId, int seq, byte[] data, int length) {
    try {
      rawChunks.beginRow();
      rawChunks.append(fileId);
      rawChunks.append(seq);
      rawChunks.append(length == data.length ? data : java.util.Arrays.copyOf(data, length));
      rawChunks.endRow();
    } catch (SQLException e) {
      throw failure("add raw bytes", e);
    }
  }

  @Override
  public void addProblems(long fileId, String source, List<ParseProblem> found) {
    try {
      LedgerRows.appendProblems(problems, fileId, source, found);
    } catch (SQLException e) {
      throw failure("add problems", e);
    }
  }

  @Override
  public void dropFile(long fileId) {
    try {
      flushAll();
      for (String table : List.of("events", "raw_chunks", "problems", "correlation_events")) {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + table + " WHERE file_id = ?")) {
          ps.setLong(1, fileId);
          ps.execute();
        }
      }
      folded.values().forEach(f -> f.dropFile(fileId));
      folded.values().removeIf(FoldedMatches::isEmpty);
      events.forget(); // the dropped events' hashes must not make their later copies look stored
    } catch (SQLException e) {
      throw failure("drop a file's rows", e);
    }
  }

  @Override
  public void dropEarlierProblems(String source, long fileId) {
    try {
      problems.flush();
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM problems WHERE source = ? AND file_id < ?")) {
        ps.setString(1, source);
        ps.setLong(2, fileId);
        ps.execute();
      }
    } catch (SQLException e) {
      throw failure("drop the problems of a file's earlier versions", e);
    }
  }

  @Override
  public void addFile(FileEntry f, int eventsNew, int eventsDuplicate) {
    try {
      LedgerRows.appendFile(files, f, eventsNew, eventsDuplicate);
      ledger.added(f);
    } catch (SQLException e) {
      throw failure("add a ledger row", e);
    }
  }

  @Override
  public void commit() {
    try {
      flushAll();
      conn.commit();
      ledger.committed();
      openTransaction();
    } catch (SQLException e) {
      throw failure("commit", e);
    }
  }

  @Override
  public void rollback() {
    try {
      folded.clear();
      ledger.rolledBack();
      events.discard();
      flushAll(); // the appenders' buffered rows go into the open transaction, which is then discarded
      conn.rollback();
      openTransaction();
    } catch (SQLException e) {
      throw failure("roll back", e);
    }
  }

  /**
   * Keeps a transaction open at all times. DuckDB makes appender flushes (including the automatic ones when
   * an appender's buffer fills) part of the connection's transaction only while one is open, and JDBC opens
   * it lazily at the next statement; without this, rows could be committed one buffer at a time.
   */
  private void openTransaction() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute("SELECT 1");
    }
  }

  private void flushAll() throws SQLException {
    for (FoldedMatches f : folded.values()) {
      f.append(matches);
    }
    folded.clear();
    events.flush();
    rawChunks.flush();
    problems.flush();
    files.flush();
    matches.flush();
    correlationEvents.flush();
  }

  @Override
  public Optional<String> findOriginalRecord(String recipientAccountId, String eventKey) {
    try {
      flushAll();
    } catch (SQLException e) {
      throw failure("flush", e);
    }
    return RawRecords.find(conn, recipientAccountId, eventKey);
  }

  @Override
  public List<StoredProblem> problemsOf(java.util.Collection<Long> fileIds, int limit) {
    try {
      return LedgerRows.problemsOf(conn, fileIds, limit);
    } catch (SQLException e) {
      throw failure("read problems", e);
    }
  }

  @Override
  public long countEvents() {
    try {
      flushAll();
      try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM events"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("count events", e);
    }
  }

  @Override
  public void close() {
    try {
      // Closing an appender flushes it into the open transaction, which is then rolled back: what was not
      // committed is discarded.
      events.close();
      for (DuckDBAppender a : List.of(rawChunks, problems, files, matches, correlationEvents)) {
        a.close();
      }
      conn.rollback();
      conn.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException("store failed to " + what + ": " + DuckDbErrors.oneLine(e.getMessage()), e);
  }

  static @Nullable Instant instant(@Nullable LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }
}
