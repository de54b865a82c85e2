// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlValuesTest {
  private static Map<String, Object> row(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.put(rs.getMetaData().getColumnLabel(i), SqlValues.of(rs, i));
      }
      return row;
    }
  }

  @Test
  void nestedValuesAreJsonTrees() throws SQLException {
    Map<String, Object> row = row("""
        SELECT '{"userName": "alice", "tags": [1, null]}'::JSON j, [1, 2] l, {'a': 1, 'b': ['x']} s,
               MAP {'k': 1.5} m, [TIMESTAMP '2026-11-02 10:00:00'] times, NULL::INTEGER[] AS none, [DATE '2026-11-02'] AS days""");
    assertThat(((JsonNode) row.get("j")).at("/userName").asText()).isEqualTo("alice");
    assertThat(row.get("j")).hasToString("{\"userName\":\"alice\",\"tags\":[1,null]}");
    assertThat(row.get("l")).hasToString("[1,2]");
    assertThat(row.get("s")).hasToString("{\"a\":1,\"b\":[\"x\"]}");
    assertThat(row.get("m")).hasToString("{\"k\":1.5}");
    assertThat(row.get("times")).hasToString("[\"2026-11-02T10:00:00Z\"]");
    assertThat(row.get("none")).isNull();
    assertThat(row.get("days")).hasToString("[\"2026-11-02\"]"); // a type without a JSON form: its text
  }

  @Test
  void scalarsKeepTheirValue() throws SQLException {
    Map<String, Object> row = row("""
        SELECT 1.25::DECIMAL(5, 2) d, 12345678901234567890::HUGEINT h, 42 i, 'NaN'::DOUBLE nan, true b,
               TIMESTAMP '2026-11-02 10:00:00' t, DATE '2026-11-02' AS day, INTERVAL 2 HOURS iv, 'text' s, 'A'::BLOB AS b2""");
    assertThat(row.get("d")).isEqualTo(new BigDecimal("1.25"));
    assertThat(row.get("h")).isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(row.get("i")).isEqualTo(42);
    assertThat(row.get("nan")).isEqualTo("NaN");
    assertThat(row.get("b")).isEqualTo(true);
    assertThat(row.get("t")).isEqualTo("2026-11-02T10:00:00Z");
    assertThat(row.get("day")).isEqualTo("2026-11-02");
    assertThat(row.get("iv")).isEqualTo("02:00:00");
    assertThat(row.get("s")).isEqualTo("text");
    assertThat(row.get("b2")).isEqualTo("A"); // DuckDB's text for a blob, not the driver's object
  }
}
