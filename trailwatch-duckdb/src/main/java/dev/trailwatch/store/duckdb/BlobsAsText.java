// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * User SQL whose result holds BLOBs, rewritten to fetch them as DuckDB's text for them. DuckDB's JDBC driver (1.5.6.0)
 * crashes the whole JVM (SIGSEGV) when the heap cannot hold a BLOB it fetches, also inside a list or a struct, where a
 * VARCHAR that does not fit fails the query with "Java heap space" instead. The results show a BLOB as that text
 * anyway ({@link SqlValues}), so a top-level BLOB column reads the same; one nested in a list or struct comes as
 * DuckDB's text of the whole value.
 */
public final class BlobsAsText {
  private BlobsAsText() {}

  /**
   * {@code sql} prepared on {@code conn}, rewritten when its result holds BLOBs. Should the rewritten text not prepare
   * (a comment after the closing ';'), the text prepared is the user's own.
   */
  public static PreparedStatement prepare(Connection conn, String sql) throws SQLException {
    PreparedStatement asWritten = conn.prepareStatement(sql);
    String rewritten;
    try {
      rewritten = rewrite(sql, asWritten.getMetaData());
    } catch (SQLException e) { // a statement without a result to describe: it holds no BLOBs
      return asWritten;
    }
    if (rewritten == null) {
      return asWritten;
    }
    try {
      PreparedStatement safer = conn.prepareStatement(rewritten);
      asWritten.close();
      return safer;
    } catch (SQLException e) { // not a text that can be selected from: it runs as written
      return asWritten;
    }
  }

  /**
   * {@code sql} selected again with every column that holds BLOBs cast to VARCHAR, the columns' names kept; null when
   * no column holds one, and then {@code sql} runs as it is.
   *
   * @param result the result's columns, as the prepared statement describes them before it runs
   */
  static @Nullable String rewrite(String sql, ResultSetMetaData result) throws SQLException {
    StringBuilder select = new StringBuilder("SELECT ");
    boolean any = false;
    for (int i = 1; i <= result.getColumnCount(); i++) {
      boolean blob = result.getColumnTypeName(i).toUpperCase(Locale.ROOT).contains("BLOB");
      any |= blob;
      select.append(i > 1 ? ", " : "").append(blob ? "CAST(#" + i + " AS VARCHAR)" : "#" + i)
          .append(" AS \"").append(result.getColumnLabel(i).replace("\"", "\"\"")).append('"');
    }
    if (!any) {
      return null;
    }
    // the text on lines of its own, so that a comment ending it stays a comment; a statement's closing ';' goes
    return select.append(" FROM (\n").append(sql.strip().replaceAll(";+\\s*$", "")).append("\n)").toString();
  }
}
