// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * DuckDB's best load of a corpus ({@code bench/duckdb-baseline.sql}: {@code read_json_objects} +
 * {@code json_transform}) into a fresh database file, timed including the final checkpoint: {@code java -cp
 * bench/target/benchmarks.jar dev.trailwatch.bench.DuckDbBaseline CORPUS SQL_FILE DB_FILE}.
 */
public final class DuckDbBaseline {
  private DuckDbBaseline() {}

  public static void main(String[] args) throws Exception {
    String sql = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8).replace("${CORPUS}", Path.of(args[0]).toAbsolutePath().toString());
    sql = sql.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1);
    }
    Path db = Path.of(args[2]);
    Files.deleteIfExists(db);
    Files.deleteIfExists(Path.of(args[2] + ".wal"));
    Properties props = new Properties();
    props.setProperty("autoinstall_known_extensions", "false");
    long t0 = System.nanoTime();
    long rows;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), props); Statement s = c.createStatement()) {
      s.execute(sql);
      s.execute("CHECKPOINT");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ct")) {
        rs.next();
        rows = rs.getLong(1);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(java.util.Locale.ROOT, "duckdb read_json_objects+json_transform: %,d events in %.2f s = %,.0f events/s, db %,d MB%n",
        rows, seconds, rows / seconds, Files.size(db) >> 20);
  }
}
