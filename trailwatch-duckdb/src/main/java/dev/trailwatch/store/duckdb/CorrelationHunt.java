// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.detect.sigma.Correlation;
import dev.trailwatch.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Correlations over the matches of a retro-hunt, evaluated by the same SQL as the store's {@code findings} view,
 * in a private in-memory database: the store stays read-only and untouched.
 */
public final class CorrelationHunt implements AutoCloseable {
  private final Connection conn;
  private final DuckDBAppender rows;

  private CorrelationHunt(Connection conn, DuckDBAppender rows) {
    this.conn = conn;
    this.rows = rows;
  }

  /** A new, empty in-memory database for one hunt. */
  public static CorrelationHunt open() {
    try {
      Connection conn = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = conn.createStatement()) {
        s.execute("SET TimeZone = 'UTC'");
        s.execute(StoreSchema.CORRELATION_EVENTS);
      }
      return new CorrelationHunt(conn, conn.unwrap(DuckDBConnection.class).createAppender("main", "correlation_events"));
    } catch (SQLException e) {
      throw new StoreException("cannot prepare the correlation hunt: " + e.getMessage(), e);
    }
  }

  /** Counts a match towards the correlations that name its rule. */
  public void add(RuleMatch m) {
    try {
      Appends.correlationRows(rows, 0, m);
    } catch (SQLException e) {
      throw new StoreException("cannot keep a correlation match: " + e.getMessage(), e);
    }
  }

  /** The bursts that meet each correlation's condition, earliest first. */
  public List<Finding> findings(List<Correlation> correlations, Map<String, List<String>> ruleIds) {
    List<Finding> out = new ArrayList<>();
    try {
      rows.flush();
      for (Correlation c : correlations) {
        // The columns of the findings view, its id included, so a burst found here has the id ingest would give it.
        String sql = "SELECT left(md5(finding_key), 12), kind, rule_id, title, level, tags, event_ids, events, account, region, actor,"
            + " first_seen, last_seen, 'open' FROM (" + FindingViews.correlationSql(c, ruleIds.getOrDefault(c.id(), List.of())) + ")";
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(DuckDbFindings.finding(rs));
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot evaluate correlations: " + e.getMessage(), e);
    }
    out.sort(java.util.Comparator.comparing(Finding::firstSeen, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
    return out;
  }

  @Override
  public void close() {
    try {
      rows.close();
      conn.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the correlation hunt: " + e.getMessage(), e);
    }
  }
}
