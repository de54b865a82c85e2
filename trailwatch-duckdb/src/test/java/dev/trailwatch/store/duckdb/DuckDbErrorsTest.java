// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DuckDbErrorsTest {
  /** DuckDB's own message for {@code sql} over a table {@code events(event_name, event_time)}. */
  private static String failure(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE events (event_name VARCHAR, event_time TIMESTAMP)");
      s.executeQuery(sql).close();
    } catch (SQLException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error from " + sql);
  }

  @Test
  void aMisspelledTableKeepsTheSuggestionAndThePosition() throws SQLException {
    assertThat(DuckDbErrors.oneLine(failure("select * from evnts")))
        .isEqualTo("Catalog Error: Table with name evnts does not exist! Did you mean \"events\"? (at column 15)");
  }

  @Test
  void aMisspelledColumnNamesTheCandidates() throws SQLException {
    assertThat(DuckDbErrors.oneLine(failure("select evnt_name from events")))
        .startsWith("Binder Error: Referenced column \"evnt_name\" not found in FROM clause! Candidate bindings: \"event_name\"")
        .endsWith("(at column 8)");
  }

  @Test
  void aLaterLineIsNamedAndLongCandidateListsAreLeftOut() throws SQLException {
    String line = DuckDbErrors.oneLine(failure("select event_name,\n  event_time + 1 from events"));
    assertThat(line).startsWith("Binder Error: No function matches the given name and argument types '+(TIMESTAMP, INTEGER_LITERAL)'")
        .endsWith("(at line 2, column 14)")
        .doesNotContain("\n")
        .doesNotContain("HUGEINT");
  }

  @Test
  void otherMessagesAreTheirFirstLine() {
    assertThat(DuckDbErrors.oneLine("IO Error: could not open\nsecond")).isEqualTo("IO Error: could not open");
    assertThat(DuckDbErrors.oneLine(null)).isEmpty();
  }
}
