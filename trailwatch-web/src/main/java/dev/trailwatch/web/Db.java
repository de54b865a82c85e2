// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import dev.trailwatch.store.StoreException;
import dev.trailwatch.store.duckdb.DuckDbErrors;
import dev.trailwatch.store.duckdb.SqlValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/** Parameterised queries on a connection of its own per request, rows as JSON-ready maps. */
final class Db {
  private final DuckDBConnection root;

  Db(DuckDBConnection root) {
    this.root = root;
  }

  /** Runs {@code sql} with {@code args} bound (never concatenated) and returns every row. */
  List<Map<String, Object>> rows(String sql, Object... args) {
    try (Connection c = root.duplicate(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        ps.setObject(i + 1, a instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : a);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return read(rs, Long.MAX_VALUE);
      }
    } catch (SQLException e) {
      throw new StoreException("query failed: " + DuckDbErrors.oneLine(e.getMessage()), e);
    }
  }

  static List<Map<String, Object>> read(ResultSet rs, long max) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Map<String, Object>> out = new ArrayList<>();
    while (out.size() < max && rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.put(md.getColumnLabel(i), SqlValues.of(rs, i));
      }
      out.add(row);
    }
    return out;
  }

  Connection connection() throws SQLException {
    return root.duplicate();
  }

}
