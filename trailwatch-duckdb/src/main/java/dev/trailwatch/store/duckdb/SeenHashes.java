// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.event.CloudTrailEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The identity hashes ({@link DedupeKeys.Strong}) of the stored events, held a {@link Partition} (account, region and
 * UTC day of {@code eventTime}) at a time: a partition's set is read from the table the first time one of its events
 * comes, and the partitions not asked for longest are forgotten once the sets held take more than {@link
 * #DEFAULT_BUDGET} bytes, so memory follows what is being ingested, not the size of the store.
 *
 * <p>Why these: every copy of a CloudTrail event carries the same {@code recipientAccountId}, {@code awsRegion} and
 * {@code eventTime} (a trail's file, an organization trail's, CloudWatch Logs, EventBridge and {@code lookup-events}
 * all give the call's own), so an earlier copy is always in its own partition; and CloudTrail delivers, and folders and
 * buckets list, a trail by account, region and day, so a partition's events come together and it is read once.
 */
final class SeenHashes {
  /**
   * Bytes of hashes held at most beyond the partition being read: 160 MiB (4M to 7M hashes at 22 to 43 bytes each), or
   * a quarter of the heap when that is less (a JVM given little memory reads partitions again instead).
   */
  static final long DEFAULT_BUDGET = Math.min(160L << 20, Runtime.getRuntime().maxMemory() / 4);

  private static final long NO_TIME = Long.MIN_VALUE;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final DuckDBConnection conn;
  private final long budget;
  private final Map<Partition, Hash128Set> held = new LinkedHashMap<>(16, 0.75f, true);
  private @Nullable Partition lastPartition;
  private @Nullable Hash128Set last;

  SeenHashes(DuckDBConnection conn, long budget) {
    this.conn = conn;
    this.budget = budget;
  }

  /** Where the store looks for earlier copies of an event: its account, region and UTC day (if it has a time). */
  record Partition(@Nullable String account, @Nullable String region, long day) {
    static Partition of(CloudTrailEvent e) {
      return new Partition(e.recipientAccountId(), e.awsRegion(), dayOf(e.eventTime()));
    }

    boolean holds(CloudTrailEvent e) {
      return Objects.equals(account, e.recipientAccountId()) && Objects.equals(region, e.awsRegion()) && day == dayOf(e.eventTime());
    }

    private static long dayOf(@Nullable Instant t) {
      return t == null ? NO_TIME : Math.floorDiv(Appends.micros(t), MICROS_PER_DAY);
    }
  }

  /** The hashes of the stored events of {@code e}'s partition if it is held, else null ({@link #read} it). */
  @Nullable Hash128Set held(CloudTrailEvent e) {
    Partition p = lastPartition;
    if (p != null && p.holds(e)) {
      return last;
    }
    p = Partition.of(e);
    Hash128Set s = held.get(p);
    if (s != null) {
      lastPartition = p;
      last = s;
    }
    return s;
  }

  /**
   * Reads the hashes of the stored events of {@code e}'s partition from the table (rows still held in memory must
   * have been flushed to it) and holds them, forgetting the partitions asked for longest ago beyond the budget.
   */
  Hash128Set read(CloudTrailEvent e) throws SQLException {
    Partition p = Partition.of(e);
    Hash128Set s = query(p);
    held.put(p, s);
    forgetOldest();
    lastPartition = p;
    last = s;
    return s;
  }

  /** Hashes held now, over every partition in memory. */
  long held() {
    return held.values().stream().mapToLong(Hash128Set::size).sum();
  }

  /** Bytes the hashes held now take. */
  long heldBytes() {
    return held.values().stream().mapToLong(Hash128Set::bytes).sum();
  }

  /** Forgets every partition (read again when next asked for). */
  void clear() {
    held.clear();
    lastPartition = null;
    last = null;
  }

  private void forgetOldest() {
    long n = heldBytes();
    Iterator<Hash128Set> it = held.values().iterator();
    while (n > budget && held.size() > 1) {
      n -= it.next().bytes();
      it.remove();
    }
  }

  private Hash128Set query(Partition p) throws SQLException {
    String where = (p.account() == null ? "recipient_account_id IS NULL" : "recipient_account_id = ?")
        + (p.region() == null ? " AND aws_region IS NULL" : " AND aws_region = ?")
        + (p.day() == NO_TIME ? " AND event_time IS NULL"
            : " AND event_time >= make_timestamp(?::BIGINT) AND event_time < make_timestamp(?::BIGINT)");
    Hash128Set s = new Hash128Set();
    try (PreparedStatement ps = conn.prepareStatement("SELECT " + String.format(DedupeKeys.STRONG_SQL, where))) {
      int i = 0;
      if (p.account() != null) {
        ps.setString(++i, p.account());
      }
      if (p.region() != null) {
        ps.setString(++i, p.region());
      }
      if (p.day() != NO_TIME) {
        ps.setLong(++i, p.day() * MICROS_PER_DAY);
        ps.setLong(++i, (p.day() + 1) * MICROS_PER_DAY);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          s.add(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    return s;
  }
}
