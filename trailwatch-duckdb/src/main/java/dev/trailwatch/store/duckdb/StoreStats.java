// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the store holds, in the shapes {@code trailwatch stats} prints.
 *
 * @param byAccount events per recipient account ({@code (none)} when the record names none)
 * @param byDay events per UTC day ({@code yyyy-MM-dd}), in day order
 * @param byIdentityType events per {@code userIdentity.type}
 * @param errors events with an {@code errorCode}
 */
public record StoreStats(
    long events,
    long files,
    long problems,
    @Nullable Instant firstEvent,
    @Nullable Instant lastEvent,
    long errors,
    Map<String, Long> byAccount,
    Map<String, Long> byRegion,
    Map<String, Long> byService,
    Map<String, Long> byDay,
    Map<String, Long> byIdentityType) {

  /** Reads the statistics of the store in {@code dataDir} (read-only). */
  public static StoreStats read(Path dataDir) {
    try (Connection c = DuckDbConnections.open(dataDir, true)) {
      return read(c);
    } catch (SQLException e) {
      throw new StoreException("cannot read statistics: " + e.getMessage(), e);
    }
  }

  /** The same on a connection of the caller's (the dashboard server holds the store open). */
  public static StoreStats read(Connection c) {
    try {
      long events;
      long errors;
      Instant first;
      Instant last;
      try (PreparedStatement ps = c.prepareStatement(
              "SELECT count(*), count(error_code), min(event_time), max(event_time) FROM events");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        events = rs.getLong(1);
        errors = rs.getLong(2);
        first = DuckDbEventStore.instant(rs.getObject(3, LocalDateTime.class));
        last = DuckDbEventStore.instant(rs.getObject(4, LocalDateTime.class));
      }
      return new StoreStats(
          events,
          single(c, "SELECT count(*) FROM files"),
          single(c, "SELECT count(*) FROM problems"),
          first,
          last,
          errors,
          counts(c, "coalesce(recipient_account_id, '(none)')", "n DESC, k"),
          counts(c, "coalesce(aws_region, '(none)')", "n DESC, k"),
          counts(c, "coalesce(event_source, '(none)')", "n DESC, k"),
          counts(c, "coalesce(strftime(event_time, '%Y-%m-%d'), '(no time)')", "k"),
          counts(c, "coalesce(identity_type, '(none)')", "n DESC, k"));
    } catch (SQLException e) {
      throw new StoreException("cannot read statistics: " + e.getMessage(), e);
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, Long> counts(Connection c, String key, String order) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    String sql = "SELECT " + key + " AS k, count(*) AS n FROM events GROUP BY k ORDER BY " + order;
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
