// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;
import org.jspecify.annotations.Nullable;

/**
 * A result value as the command line and the API write it: numbers and booleans as they are, timestamps as
 * ISO-8601 instants (the store is UTC), lists, structs, maps and JSON values as JSON trees (so {@code --json} and
 * the API nest them, and a table shows them as compact JSON), anything else as DuckDB's text for it.
 */
public final class SqlValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SqlValues() {}

  /** Column {@code i} of the current row. */
  public static @Nullable Object of(ResultSet rs, int i) throws SQLException {
    Object v = rs.getObject(i);
    if (v == null || v instanceof String) {
      return v;
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof Array || v instanceof DuckDBStruct || v instanceof Map
        || v instanceof Timestamp || v instanceof LocalDateTime || v instanceof OffsetDateTime || v instanceof org.duckdb.JsonNode) {
      Object plain = plain(v);
      return plain instanceof List || plain instanceof Map ? JSON.valueToTree(plain) : plain;
    }
    return rs.getString(i); // dates, intervals, UUIDs, blobs (escaped): DuckDB's own text
  }

  /** Java values Jackson writes as JSON; JSON text becomes a tree. */
  private static @Nullable Object plain(@Nullable Object v) throws SQLException {
    if (v == null || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
      return v.toString(); // JSON has no NaN or Infinity
    }
    if (v instanceof Number) {
      return v;
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toString();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof org.duckdb.JsonNode j) {
      return tree(j.toString());
    }
    if (v instanceof Array a) {
      List<@Nullable Object> list = new ArrayList<>();
      for (Object o : (Object[]) a.getArray()) {
        list.add(plain(o));
      }
      return list;
    }
    if (v instanceof DuckDBStruct s) {
      return plain(s.getMap());
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        map.put(String.valueOf(e.getKey()), plain(e.getValue()));
      }
      return map;
    }
    return v.toString();
  }

  private static Object tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return json; // DuckDB checks JSON values; should one not parse here, its text is still the answer
    }
  }
}
