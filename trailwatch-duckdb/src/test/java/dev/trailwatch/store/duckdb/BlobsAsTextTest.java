// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How user SQL whose result holds BLOBs is fetched (the crash it avoids is shown by {@code QueryCommandIT}). */
class BlobsAsTextTest {
  @Test
  void aResultWithoutBlobsRunsAsWritten() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); PreparedStatement ps = c.prepareStatement("SELECT 1 AS n, 'x' AS s, [1] AS l")) {
      assertThat(BlobsAsText.rewrite("SELECT 1 AS n, 'x' AS s, [1] AS l", ps.getMetaData())).isNull();
    }
  }

  @Test
  void blobColumnsComeAsTheSameTextWithTheirNamesKept() throws Exception {
    String sql = "SELECT '\\xAA\\x00a'::BLOB AS \"odd \"\" name\", 2 AS n, [1, 2] AS l, ['\\xBB'::BLOB] AS blobs;  \n";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      List<Object> asWritten = firstRow(c.prepareStatement(sql));
      try (PreparedStatement ps = BlobsAsText.prepare(c, sql)) {
        assertThat(ps.getMetaData().getColumnTypeName(1)).as("fetched as text, not as a BLOB").isEqualTo("VARCHAR");
        assertThat(ps.getMetaData().getColumnTypeName(4)).isEqualTo("VARCHAR");
        assertThat(ps.getMetaData().getColumnLabel(1)).isEqualTo("odd \" name");
        assertThat(ps.getMetaData().getColumnLabel(4)).isEqualTo("blobs");
        List<Object> rewritten = firstRow(ps);
        assertThat(rewritten.subList(0, 3)).as("a top-level BLOB reads the same; the other columns are untouched").isEqualTo(asWritten.subList(0, 3));
        assertThat(rewritten.get(0)).isEqualTo("\\xAA\\x00a");
        assertThat(rewritten.get(3)).as("a nested BLOB: DuckDB's text of the whole value").isEqualTo("[\\xBB]");
      }
    }
  }

  @Test
  void textThatDoesNotRewriteRunsAsWritten() throws Exception {
    String sql = "SELECT 'a'::BLOB AS b; -- a comment after the statement";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); PreparedStatement ps = BlobsAsText.prepare(c, sql)) {
      assertThat(ps.getMetaData().getColumnTypeName(1)).isEqualTo("BLOB");
      assertThat(firstRow(ps)).containsExactly("a");
    }
  }

  private static List<Object> firstRow(PreparedStatement ps) throws Exception {
    try (ps; ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.add(SqlValues.of(rs, i));
      }
      return row;
    }
  }
}
