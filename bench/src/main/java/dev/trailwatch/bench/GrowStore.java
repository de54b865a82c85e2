// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a large store out of an ingested one for {@code bench/dedupe.sh}: its events copied COPIES−1 times, each copy
 * DAYS days later than the one before, with keys of their own, and its files ledger alike, each copy's sources with a
 * suffix of their own: {@code java -cp bench/target/benchmarks.jar dev.trailwatch.bench.GrowStore
 * STORE/trailwatch.duckdb COPIES DAYS}.
 */
public final class GrowStore {
  private GrowStore() {}

  public static void main(String[] args) throws SQLException {
    int copies = Integer.parseInt(args[1]);
    int days = Integer.parseInt(args[2]);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0]); Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE base AS SELECT * FROM events");
      s.execute("CREATE TEMP TABLE base_files AS SELECT * FROM files");
      long files;
      try (ResultSet rs = s.executeQuery("SELECT max(file_id) + 1 FROM files")) {
        rs.next();
        files = rs.getLong(1);
      }
      for (int k = 1; k < copies; k++) {
        s.execute("INSERT INTO events SELECT * REPLACE (dedupe_hash + " + k + " AS dedupe_hash, event_key || '-" + k
            + "' AS event_key, event_time + INTERVAL " + (days * k) + " DAY AS event_time) FROM base");
        s.execute("INSERT INTO files SELECT * REPLACE (file_id + " + files * k + " AS file_id, source || '." + k + "' AS source) FROM base_files");
      }
      s.execute("CHECKPOINT");
    }
  }
}
