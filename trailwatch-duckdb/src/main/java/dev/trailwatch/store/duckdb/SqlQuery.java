// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Runs user SQL over the store on a read-only connection: nothing a query says can change the store. */
public final class SqlQuery implements AutoCloseable {
  private final Connection conn;

  private SqlQuery(Connection conn) {
    this.conn = conn;
  }

  /** Opens the store in {@code dataDir} read-only. */
  public static SqlQuery open(Path dataDir) {
    return new SqlQuery(DuckDbConnections.open(dataDir, true));
  }

  /** Receives a result: the columns once, then each row. */
  public interface RowHandler {
    void columns(List<Column> columns);

    /** Values are as {@link SqlValues#of} gives them; null is SQL NULL. */
    void row(List<@Nullable Object> values);
  }

  /** A result column: its name. */
  public record Column(String name) {}

  /**
   * Runs one statement and streams at most {@code maxRows} rows.
   *
   * @return true when more rows were available than {@code maxRows}
   * @throws StoreException naming DuckDB's complaint, when the SQL is wrong or tries to write
   */
  public boolean run(String sql, long maxRows, RowHandler handler) {
    SqlText.of(conn, sql).oneStatement(); // anything else is left to the read-only connection
    // A PreparedStatement: DuckDB 1.5.6.0's plain Statement hides some errors behind a generic message.
    try (PreparedStatement s = BlobsAsText.prepare(conn, sql)) {
      boolean hasResult = s.execute();
      if (!hasResult) {
        handler.columns(List.of());
        return false;
      }
      try (ResultSet rs = s.getResultSet()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          columns.add(new Column(md.getColumnLabel(i)));
        }
        handler.columns(columns);
        long rows = 0;
        while (rs.next()) {
          if (rows++ == maxRows) {
            return true;
          }
          List<@Nullable Object> values = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            values.add(SqlValues.of(rs, i));
          }
          handler.row(values);
        }
        return false;
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("Java heap space")) { // the driver fetched more than the heap holds
        throw new OutOfMemoryError("Java heap space, fetching the result's rows");
      }
      throw new StoreException("query failed: " + DuckDbErrors.oneLine(e.getMessage()), e);
    }
  }

  @Override
  public void close() {
    DuckDbConnections.close(conn);
  }
}
