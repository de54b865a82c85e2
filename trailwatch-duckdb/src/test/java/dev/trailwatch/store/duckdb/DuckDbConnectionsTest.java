// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbConnectionsTest {
  @TempDir Path data;

  @Test
  void anIngestWorksOnTheCallingThreadWhileOtherConnectionsKeepDuckDbsDefault() throws SQLException {
    long defaultThreads;
    try (Connection c = DuckDbConnections.open(data, false)) {
      defaultThreads = threads(c);
    }
    try (Connection c = DuckDbConnections.openForIngest(data)) {
      assertThat(threads(c)).isEqualTo(1);
      assertThat(timeZone(c)).isEqualTo("UTC"); // and the settings every connection has
    }
    try (Connection c = DuckDbConnections.open(data, true)) {
      assertThat(threads(c)).isEqualTo(defaultThreads);
    }
  }

  private static long threads(Connection c) throws SQLException {
    return Long.parseLong(setting(c, "threads"));
  }

  private static String timeZone(Connection c) throws SQLException {
    return setting(c, "TimeZone");
  }

  private static String setting(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
