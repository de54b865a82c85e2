// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.detect.sigma.Correlation;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.ParseProblem;
import dev.trailwatch.store.EventStore;
import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.FileStatus;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EventStore} in one DuckDB file. Rows go straight into the real tables inside one open transaction,
 * events as Arrow batches ({@link EventBatch}) and the other tables' rows through Appenders (DuckDB makes appender
 * flushes part of the connection's transaction), so nothing is copied twice. Deduplication keeps a set of the
 * identity hashes of every stored event in memory (8 to 16 bytes per event, loaded on the first write) and asks the
 * table only about events whose hash was seen.
 */
public final class DuckDbEventStore implements EventStore {
  private final Connection conn;
  private final Path dataDir;
  private final DuckDBConnection duck;
  private final EventBatch events;
  private final DuckDBAppender rawChunks;
  private final DuckDBAppender problems;
  private final DuckDBAppender files;
  private final DuckDBAppender matches;
  private final DuckDBAppender correlationEvents;
  private @Nullable LongHashSet seen;
  /** Matches of the open transaction folded by dedupe key; written as one row per key at commit. */
  private final Map<String, FoldedMatches> folded = new HashMap<>();
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
    this.duck = conn.unwrap(DuckDBConnection.class);
    this.rawChunks = duck.createAppender("main", "raw_chunks");
    this.problems = duck.createAppender("main", "problems");
    this.files = duck.createAppender("main", "files");
    this.matches = duck.createAppender("main", "matches");
    this.correlationEvents = duck.createAppender("main", "correlation_events");
    openTransaction();
    createFindingsView();
    this.events = new EventBatch(); // last: it holds memory outside the heap, which a failed constructor would not free
  }

  /** Opens (creating if needed) the store in {@code dataDir} for writing. */
  public static DuckDbEventStore open(Path dataDir) {
    EventBatch.checkUsable();
    Connection c = DuckDbConnections.open(dataDir, false);
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
  public Map<String, StoredFile> latestFiles() {
    String sql =
        """
        SELECT file_id, source, size, last_modified, etag, sha256, format, status, selection FROM files
        QUALIFY row_number() OVER (PARTITION BY source ORDER BY file_id DESC) = 1""";
    Map<String, StoredFile> out = new HashMap<>();
    try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String source = rs.getString(2);
        out.put(source, new StoredFile(rs.getLong(1), source, rs.getLong(3), instant(rs.getObject(4, LocalDateTime.class)),
            rs.getString(5), rs.getString(6), rs.getString(7), FileStatus.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)),
            rs.getString(9)));
      }
      return out;
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
      LongHashSet known = seen();
      BitSet added = new BitSet(batch.size());
      List<Integer> candidates = new ArrayList<>();
      List<Long> candidateHashes = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        CloudTrailEvent e = batch.get(i);
        long h = DedupeKeys.hash(e.recipientAccountId(), e.eventKey());
        if (known.add(h)) {
          addRow(fileId, h, e);
          added.set(i);
        } else {
          candidates.add(i);
          candidateHashes.add(h);
        }
      }
      if (!candidates.isEmpty()) {
        addCandidates(fileId, batch, candidates, candidateHashes, added);
      }
      return added;
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

  /** Events whose hash was seen: stored only when no stored event has the same full identity. */
  private void addCandidates(long fileId, List<CloudTrailEvent> batch, List<Integer> positions, List<Long> hashes, BitSet added)
      throws SQLException {
    events.insertInto(duck);
    Set<String> stored = new HashSet<>();
    StringJoiner in = new StringJoiner(",", "(", ")");
    hashes.forEach(h -> in.add(Long.toString(h))); // our own numbers, never event text
    String sql = "SELECT coalesce(recipient_account_id, ''), event_key FROM events WHERE dedupe_hash IN " + in;
    try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        stored.add(rs.getString(1) + '\u0000' + rs.getString(2));
      }
    }
    for (int i = 0; i < positions.size(); i++) {
      CloudTrailEvent e = batch.get(positions.get(i));
      String id = (e.recipientAccountId() == null ? "" : e.recipientAccountId()) + '\u0000' + e.eventKey();
      if (stored.add(id)) {
        addRow(fileId, hashes.get(i), e);
        added.set(positions.get(i));
      }
    }
  }

  private void addRow(long fileId, long hash, CloudTrailEvent e) throws SQLException {
    events.add(fileId, hash, e);
    if (events.full()) {
      events.insertInto(duck);
    }
  }

  private LongHashSet seen() throws SQLException {
    LongHashSet s = seen;
    if (s == null) {
      s = new LongHashSet();
      try (PreparedStatement ps = conn.prepareStatement("SELECT dedupe_hash FROM events"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          s.add(rs.getLong(1));
        }
      }
      seen = s;
    }
    return s;
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
      for (ParseProblem p : found) {
        problems.beginRow();
        problems.append(fileId);
        problems.append(source);
        problems.append(p.recordIndex());
        problems.append(p.byteOffset());
        problems.append(p.reason());
        problems.append(p.rawText());
        problems.endRow();
      }
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
      // Hashes of dropped events stay in the set: a later hit is only checked against the table.
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
      files.beginRow();
      files.append(f.fileId());
      files.append(f.source());
      files.append(f.size());
      if (f.lastModified() == null) {
        files.appendNull();
      } else {
        files.appendEpochMicros(Appends.micros(f.lastModified()));
      }
      if (f.etag() == null) {
        files.appendNull();
      } else {
        files.append(f.etag());
      }
      files.append(f.sha256());
      files.append(f.summary().format().name().toLowerCase(Locale.ROOT));
      files.append(f.status().label());
      files.append(f.summary().records());
      files.append(eventsNew);
      files.append(eventsDuplicate);
      files.append(f.summary().problems());
      files.append(f.summary().recordsWithUnknownFields());
      files.append(f.summary().decompressedBytes());
      files.appendEpochMicros(Appends.micros(Instant.now()));
      if (f.selection() == null) {
        files.appendNull();
      } else {
        files.append(f.selection());
      }
      files.endRow();
    } catch (SQLException e) {
      throw failure("add a ledger row", e);
    }
  }

  @Override
  public void commit() {
    try {
      flushAll();
      conn.commit();
      openTransaction();
    } catch (SQLException e) {
      throw failure("commit", e);
    }
  }

  @Override
  public void rollback() {
    try {
      folded.clear();
      events.discard();
      flushAll(); // the appenders' buffered rows go into the open transaction, which is then discarded
      conn.rollback();
      seen = null; // it held the hashes of the discarded events: reload on the next write
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
    events.insertInto(duck);
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
    List<StoredProblem> found = new ArrayList<>();
    if (fileIds.isEmpty()) {
      return found;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(fileIds.size(), "?"));
    String sql = "SELECT source, record_index, byte_offset, reason FROM (SELECT *, row_number() OVER (PARTITION BY file_id"
        + " ORDER BY byte_offset, record_index) AS nth FROM problems WHERE file_id IN (" + marks + ") ORDER BY nth, file_id, byte_offset,"
        + " record_index LIMIT ?) ORDER BY file_id, byte_offset, record_index";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      int i = 1;
      for (long id : fileIds) {
        ps.setLong(i++, id);
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new StoredProblem(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4)));
        }
      }
      return found;
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
      events.discard();
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
