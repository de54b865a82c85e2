// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.store.StoreException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads findings (the {@code findings} view) and records acknowledgements. */
public final class DuckDbFindings implements AutoCloseable {
  private static final String LEVEL_RANK = "CASE level WHEN 'informational' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END";
  private final Connection conn;

  private DuckDbFindings(Connection conn) {
    this.conn = conn;
  }

  /** Opens the store; {@code readOnly} false is needed to acknowledge. */
  public static DuckDbFindings open(Path dataDir, boolean readOnly) {
    if (!readOnly) {
      DuckDbEventStore.open(dataDir).close(); // creates tables and the view when the store is new
    }
    return new DuckDbFindings(DuckDbConnections.open(dataDir, readOnly));
  }

  /** The findings shown (at most the filter's limit) and how many the filter matches in all. */
  public record Listed(List<Finding> findings, long matching) {}

  /** Findings, newest last event first. */
  public Listed list(FindingFilter f) {
    return list(conn, f);
  }

  /** The same on a connection of the caller's (the dashboard server holds the store open). */
  public static Listed list(Connection conn, FindingFilter f) {
    StringBuilder sql = new StringBuilder(
        "SELECT finding_id, kind, rule_id, title, level, tags, event_ids, events, account, region, actor, first_seen, last_seen, status, count(*) OVER () FROM findings WHERE true");
    List<Object> args = new ArrayList<>();
    if (f.since() != null) {
      sql.append(" AND last_seen >= ?");
      args.add(LocalDateTime.ofInstant(f.since(), ZoneOffset.UTC));
    }
    if (f.minLevel() != null) {
      sql.append(" AND ").append(LEVEL_RANK).append(" >= (SELECT ").append(LEVEL_RANK.replace("level", "?")).append(")");
      args.add(f.minLevel());
    }
    if (f.rule() != null) {
      sql.append(" AND (rule_id = ? OR title ILIKE '%' || ? || '%')");
      args.add(f.rule());
      args.add(f.rule());
    }
    if (f.account() != null) {
      sql.append(" AND account = ?");
      args.add(f.account());
    }
    if (f.status() != null) {
      sql.append(" AND status = ?");
      args.add(f.status());
    }
    sql.append(" ORDER BY last_seen DESC NULLS LAST, finding_key LIMIT ?");
    args.add(f.limit());
    try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<Finding> out = new ArrayList<>();
      long matching = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          matching = rs.getLong(15);
          out.add(finding(rs));
        }
      }
      return new Listed(out, matching);
    } catch (SQLException e) {
      throw new StoreException("cannot list findings: " + DuckDbErrors.oneLine(e.getMessage()), e);
    }
  }

  /** The time of the newest stored event, for "the last 24 hours". */
  public Optional<Instant> newestEvent() {
    try (PreparedStatement ps = conn.prepareStatement("SELECT max(event_time) FROM events"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return Optional.ofNullable(DuckDbEventStore.instant(rs.getObject(1, LocalDateTime.class)));
    } catch (SQLException e) {
      throw new StoreException("cannot read the store: " + e.getMessage(), e);
    }
  }

  /** Acknowledges a finding by its short id or full key; false when no finding has it. */
  public boolean acknowledge(String key, String note) {
    return acknowledge(conn, key, note);
  }

  /** The same on a connection of the caller's (the dashboard server holds the store open). */
  public static boolean acknowledge(Connection conn, String key, String note) {
    try {
      String full;
      try (PreparedStatement ps = conn.prepareStatement("SELECT finding_key FROM findings WHERE finding_id = ? OR finding_key = ?")) {
        ps.setString(1, key);
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          full = rs.getString(1);
        }
      }
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO acknowledgements VALUES (?, ?, ?)")) {
        ps.setString(1, full);
        ps.setObject(2, LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        ps.setString(3, note);
        ps.execute();
      }
      return true;
    } catch (SQLException e) {
      throw new StoreException("cannot acknowledge: " + e.getMessage(), e);
    }
  }

  /** A finding from a row whose first 14 columns are those of the {@code findings} view, in its order. */
  static Finding finding(ResultSet rs) throws SQLException {
    return new Finding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        split(rs.getString(6)), strings(rs.getArray(7)), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getString(11),
        DuckDbEventStore.instant(rs.getObject(12, LocalDateTime.class)), DuckDbEventStore.instant(rs.getObject(13, LocalDateTime.class)),
        rs.getString(14));
  }

  private static List<String> split(String tags) {
    return tags == null || tags.isEmpty() ? List.of() : List.of(tags.split(","));
  }

  private static List<String> strings(Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    Object[] values = (Object[]) a.getArray();
    List<String> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(String.valueOf(v));
    }
    return out;
  }

  @Override
  public void close() {
    DuckDbConnections.close(conn);
  }
}
