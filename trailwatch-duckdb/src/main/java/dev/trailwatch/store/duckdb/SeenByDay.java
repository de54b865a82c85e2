// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The identity hashes ({@link DedupeKeys.Strong}) of the stored events, held a UTC day of {@code eventTime} at a time: a day's set is read from
 * the table the first time an event of that day comes, and the days not asked for longest are forgotten once more
 * than {@link #DEFAULT_BUDGET} hashes are held, so memory follows the days being ingested, not the size of the store.
 * Events without a time make one day of their own.
 *
 * <p>Why a day: every copy of a CloudTrail event carries the same {@code eventTime} (a trail's file, an organization
 * trail's, CloudWatch Logs, EventBridge and {@code lookup-events} all give the time the call was made), so an earlier
 * copy of an event is always among the events of its own day.
 */
final class SeenByDay {
  /** Hashes held at most (16 to 32 bytes each in memory) beyond those of the day being read. */
  static final long DEFAULT_BUDGET = 4_000_000;

  static final long NO_TIME = Long.MIN_VALUE;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final DuckDBConnection conn;
  private final long budget;
  private final Map<Long, Hash128Set> days = new LinkedHashMap<>(16, 0.75f, true);
  private long lastDay = NO_TIME;
  private @Nullable Hash128Set last;

  SeenByDay(DuckDBConnection conn, long budget) {
    this.conn = conn;
    this.budget = budget;
  }

  /** The day {@code t} falls on, as the sets count it. */
  static long dayOf(@Nullable Instant t) {
    return t == null ? NO_TIME : Math.floorDiv(Appends.micros(t), MICROS_PER_DAY);
  }

  /** The hashes of the stored events of {@code day} if that day is held, else null ({@link #read} it). */
  @Nullable Hash128Set held(long day) {
    Hash128Set s = last;
    if (s == null || day != lastDay) {
      s = days.get(day);
      if (s != null) {
        last = s;
        lastDay = day;
      }
    }
    return s;
  }

  /**
   * Reads the hashes of the stored events of {@code day} from the table (rows still held in memory must have been
   * flushed to it) and holds them, forgetting the days asked for longest ago beyond the budget.
   */
  Hash128Set read(long day) throws SQLException {
    Hash128Set s = query(day);
    days.put(day, s);
    forgetOldest();
    last = s;
    lastDay = day;
    return s;
  }

  /** Hashes held now, over every day in memory. */
  long held() {
    long n = 0;
    for (Hash128Set s : days.values()) {
      n += s.size();
    }
    return n;
  }

  /** Forgets every day (read again when next asked for). */
  void clear() {
    days.clear();
    last = null;
  }

  private void forgetOldest() {
    long held = held();
    Iterator<Hash128Set> it = days.values().iterator();
    while (held > budget && days.size() > 1) {
      Hash128Set oldest = it.next();
      held -= oldest.size();
      it.remove();
    }
  }

  private Hash128Set query(long day) throws SQLException {
    Hash128Set s = new Hash128Set();
    String sql = "SELECT " + String.format(DedupeKeys.STRONG_SQL, day == NO_TIME
        ? "event_time IS NULL"
        : "event_time >= make_timestamp(?::BIGINT) AND event_time < make_timestamp(?::BIGINT)");
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      if (day != NO_TIME) {
        ps.setLong(1, day * MICROS_PER_DAY);
        ps.setLong(2, (day + 1) * MICROS_PER_DAY);
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
