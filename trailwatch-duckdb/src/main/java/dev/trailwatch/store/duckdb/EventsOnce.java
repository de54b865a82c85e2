// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.event.CloudTrailEvent;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * Events into the {@code events} table, each {@code (recipientAccountId, event key)} once. The identities' hashes
 * ({@link DedupeKeys.Strong}) of the stored events being ingested are held in memory ({@link SeenHashes}:
 * a copy of an event has its account, region and {@code eventTime}, so it is looked for among the events of its
 * account, region and UTC day). Rows go to
 * DuckDB as {@link EventBatch}es, in the connection's open transaction.
 */
final class EventsOnce implements AutoCloseable {
  private final DuckDBConnection conn;
  private final EventBatch batch = new EventBatch();
  private final SeenHashes seen;
  private final DedupeKeys.Strong strong = new DedupeKeys.Strong();

  EventsOnce(DuckDBConnection conn) {
    this(conn, SeenHashes.DEFAULT_BUDGET);
  }

  /** {@code budget}: bytes of identity hashes held in memory at most, beyond the partition being read. */
  EventsOnce(DuckDBConnection conn, long budget) {
    this.conn = conn;
    this.seen = new SeenHashes(conn, budget);
  }

  /** Adds the events of {@code events} not stored yet; the set bits are the positions of those it added. */
  BitSet add(long fileId, List<CloudTrailEvent> events) throws SQLException {
    BitSet added = new BitSet(events.size());
    for (int i = 0; i < events.size(); i++) {
      CloudTrailEvent e = events.get(i);
      Hash128Set partition = seen(e);
      strong.of(e.recipientAccountId(), e.eventKey());
      if (partition.add(strong.hi(), strong.lo())) {
        batch.add(fileId, strong.hi(), e);
        if (batch.full()) {
          flush();
        }
        added.set(i);
      }
    }
    return added;
  }

  /** The hashes of the stored events of {@code e}'s partition; one read the first time sees the rows held here too. */
  private Hash128Set seen(CloudTrailEvent e) throws SQLException {
    Hash128Set s = seen.held(e);
    if (s == null) {
      flush();
      s = seen.read(e);
    }
    return s;
  }

  /** Identity hashes held in memory now. */
  long heldHashes() {
    return seen.held();
  }

  /** Bytes the identity hashes held now take. */
  long heldBytes() {
    return seen.heldBytes();
  }

  /** The rows held go into the open transaction. */
  void flush() throws SQLException {
    batch.insertInto(conn);
  }

  /** Events were deleted from the table: the hashes held are forgotten (each partition is read again when next asked for). */
  void forget() {
    seen.clear();
  }

  /**
   * The transaction is being rolled back: the rows held are dropped, and the hashes of the discarded events are
   * forgotten.
   */
  void discard() {
    batch.discard();
    seen.clear();
  }

  @Override
  public void close() {
    batch.discard();
    batch.close();
  }
}
