// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.event.CloudTrailEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Events into the {@code events} table, each {@code (recipientAccountId, event key)} once. A set of the identity
 * hashes of every stored event is kept in memory (8 to 16 bytes per event, loaded on the first write), and the table
 * is asked only about events whose hash was seen. Rows go to DuckDB as {@link EventBatch}es, in the connection's
 * open transaction.
 */
final class EventsOnce implements AutoCloseable {
  private final DuckDBConnection conn;
  private final EventBatch batch = new EventBatch();
  private @Nullable LongHashSet seen;

  EventsOnce(DuckDBConnection conn) {
    this.conn = conn;
  }

  /** Adds the events of {@code events} not stored yet; the set bits are the positions of those it added. */
  BitSet add(long fileId, List<CloudTrailEvent> events) throws SQLException {
    LongHashSet known = seen();
    BitSet added = new BitSet(events.size());
    List<Integer> candidates = new ArrayList<>();
    List<Long> candidateHashes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      CloudTrailEvent e = events.get(i);
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
      addCandidates(fileId, events, candidates, candidateHashes, added);
    }
    return added;
  }

  /** Events whose hash was seen: stored only when no stored event has the same full identity. */
  private void addCandidates(long fileId, List<CloudTrailEvent> events, List<Integer> positions, List<Long> hashes, BitSet added)
      throws SQLException {
    flush();
    Set<String> stored = new HashSet<>();
    StringJoiner in = new StringJoiner(",", "(", ")");
    hashes.forEach(h -> in.add(Long.toString(h))); // our own numbers, never event text
    String sql = "SELECT coalesce(recipient_account_id, ''), event_key FROM events WHERE dedupe_hash IN " + in;
    try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        stored.add(CloudTrailEvent.identity(rs.getString(1), rs.getString(2)));
      }
    }
    for (int i = 0; i < positions.size(); i++) {
      CloudTrailEvent e = events.get(positions.get(i));
      if (stored.add(e.identity())) {
        addRow(fileId, hashes.get(i), e);
        added.set(positions.get(i));
      }
    }
  }

  private void addRow(long fileId, long hash, CloudTrailEvent e) throws SQLException {
    batch.add(fileId, hash, e);
    if (batch.full()) {
      flush();
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

  /** The rows held go into the open transaction. */
  void flush() throws SQLException {
    batch.insertInto(conn);
  }

  /**
   * The transaction is being rolled back: the rows held are dropped, and the hashes of the discarded events are
   * forgotten (reloaded on the next write).
   */
  void discard() {
    batch.discard();
    seen = null;
  }

  @Override
  public void close() {
    batch.discard();
    batch.close();
  }
}
