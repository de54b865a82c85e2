// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.sql.SQLException;
import java.time.Instant;
import org.duckdb.DuckDBAppender;
import org.jspecify.annotations.Nullable;

/** Appender values that may be absent, and instants as UTC microseconds. */
final class Appends {
  private Appends() {}

  static void text(DuckDBAppender a, @Nullable String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  static void time(DuckDBAppender a, @Nullable Instant t) throws SQLException {
    if (t == null) {
      a.appendNull();
    } else {
      a.appendEpochMicros(micros(t));
    }
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
