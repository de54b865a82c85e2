// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * What DuckDB's own parser says of a text of user SQL before any of it runs (the text is bound, never spliced). It
 * matters before preparing: DuckDB's JDBC driver runs every statement but the last while it prepares a text.
 *
 * @param queriesOnly every statement is a query (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE): DuckDB
 *     serializes only those, and a text holding anything else (EXPLAIN ANALYZE, PRAGMA, DELETE), or that does not
 *     parse, is not
 * @param statements how many statements the text holds; 1 when it is not queries only (the parser does not count
 *     then)
 * @param syntaxError the parser's complaint and where, when the text does not parse (then none of it runs)
 */
public record SqlText(boolean queriesOnly, long statements, @Nullable String syntaxError) {
  /** What the parser says of {@code sql}, asked on {@code conn}; nothing of {@code sql} runs. */
  public static SqlText of(Connection conn, String sql) {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT NOT coalesce(json_extract_string(j, '$.error') = 'true', false), coalesce(json_array_length(json_extract(j, '$.statements')), 1), "
            + "CASE WHEN json_extract_string(j, '$.error_type') = 'parser' THEN json_extract_string(j, '$.error_message') "
            + "|| coalesce(' (at column ' || (json_extract_string(j, '$.position')::BIGINT + 1) || ')', '') END "
            + "FROM (SELECT json_serialize_sql(?::VARCHAR) AS j)")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new SqlText(rs.getBoolean(1), rs.getLong(2), rs.getString(3));
      }
    } catch (SQLException e) {
      throw new StoreException("query failed: cannot read the statement: " + DuckDbErrors.oneLine(e.getMessage()), e);
    }
  }

  /** Refuses a text of several statements: JDBC returns the last one's rows only, which would hide the others'. */
  public SqlText oneStatement() {
    if (statements > 1) {
      throw new StoreException("one statement at a time: this text holds " + statements + " (run them one by one)");
    }
    return this;
  }
}
