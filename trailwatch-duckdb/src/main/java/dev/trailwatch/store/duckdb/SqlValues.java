// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
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
  /** What {@link #plain} answers for a type it does not know. */
  private static final Object OTHER = new Object();

  private SqlValues() {}

  /** Column {@code i} of the current row. */
  public static @Nullable Object of(ResultSet rs, int i) throws SQLException {
    Object v = rs.getObject(i);
    if (v == null || v instanceof String) {
      return v;
    }
    Object plain = plain(v);
    if (plain == OTHER) {
      return rs.getString(i); // dates, UUIDs, blobs (escaped): DuckDB's own text
    }
    return plain instanceof List || plain instanceof Map ? JSON.valueToTree(plain) : plain;
  }

  /** Java values Jackson writes as JSON (JSON text becomes a tree), or {@link #OTHER} for a type not known here. */
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
        list.add(orText(plain(o), o));
      }
      return list;
    }
    if (v instanceof DuckDBStruct s) {
      return plain(s.getMap());
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        map.put(String.valueOf(e.getKey()), orText(plain(e.getValue()), e.getValue()));
      }
      return map;
    }
    return OTHER;
  }

  /** A nested value of a type not known here: its Java text (inside a list or struct there is no DuckDB text). */
  private static @Nullable Object orText(@Nullable Object plain, @Nullable Object value) {
    return plain == OTHER ? String.valueOf(value) : plain;
  }

  private static Object tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return json; // DuckDB checks JSON values; should one not parse here, its text is still the answer
    }
  }
}
