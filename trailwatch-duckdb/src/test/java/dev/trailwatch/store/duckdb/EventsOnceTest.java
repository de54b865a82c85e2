// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsOnceTest {
  @TempDir Path data;
  private final LogFileParser parser = new LogFileParser();

  /** Records of account 111122223333, each {@code "id@time"} (a time "" gives a record without eventTime). */
  private List<CloudTrailEvent> events(String... idAtTimes) {
    StringJoiner records = new StringJoiner(",", "{\"Records\":[", "]}");
    for (String s : idAtTimes) {
      String[] p = s.split("@", -1);
      String time = p[1].isEmpty() ? "" : ",\"eventTime\":\"" + p[1] + "\"";
      records.add("{\"eventVersion\":\"1.08\",\"eventID\":\"" + p[0] + "\"" + time
          + ",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"recipientAccountId\":\"111122223333\"}");
    }
    return parser.parse(records.toString().getBytes(StandardCharsets.UTF_8)).events();
  }

  private Connection store() {
    DuckDbEventStore.open(data).close(); // makes the tables
    return DuckDbConnections.openForIngest(data);
  }

  @Test
  void copiesAreFoundAfterTheirPartitionWasForgottenEvenBeforeACommit() throws Exception {
    try (Connection c = store()) {
      c.setAutoCommit(false);
      try (EventsOnce once = new EventsOnce(c.unwrap(DuckDBConnection.class), 0)) {
        assertThat(once.add(1, events("a@2026-11-01T10:00:00Z", "b@2026-11-01T23:59:59Z")).cardinality()).isEqualTo(2);
        assertThat(once.add(2, events("c@2026-11-02T00:00:00Z", "n@")).cardinality()).isEqualTo(2);
        assertThat(once.add(3, events("d@2026-11-03T08:00:00Z")).cardinality()).isEqualTo(1);
        // a budget of none: only the partition being read is held
        assertThat(once.heldHashes()).isEqualTo(1);

        List<CloudTrailEvent> copies = events("a@2026-11-01T10:00:00Z", "c@2026-11-02T00:00:00Z", "n@", "d@2026-11-03T08:00:00Z",
            "b@2026-11-01T23:59:59Z", "e@2026-11-01T12:00:00Z");
        assertThat(once.add(4, copies).stream().boxed().toList()).containsExactly(5);
        once.flush();
      }
      c.commit();
      assertThat(ids(c)).containsExactly("a", "b", "c", "d", "e", "n");
    }
  }

  @Test
  void thePartitionsHeldStayWithinTheBudgetWhateverTheStoreHolds() throws Exception {
    try (Connection c = store()) {
      c.setAutoCommit(false);
      long budget = 3 * 1024; // three small partitions' sets
      try (EventsOnce once = new EventsOnce(c.unwrap(DuckDBConnection.class), budget)) {
        for (int day = 1; day <= 28; day++) {
          List<String> records = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            records.add("e" + day + "-" + i + "@2026-02-" + String.format("%02d", day) + "T1" + i + ":00:00Z");
          }
          assertThat(once.add(day, events(records.toArray(String[]::new))).cardinality()).isEqualTo(4);
          assertThat(once.heldBytes()).isLessThanOrEqualTo(budget + 1024); // and the partition being read
          assertThat(once.heldHashes()).isLessThanOrEqualTo(4 * 4);
        }
        // every partition read again (and forgotten again): nothing is added twice
        for (int day = 1; day <= 28; day++) {
          assertThat(once.add(100 + day, events("e" + day + "-3@2026-02-" + String.format("%02d", day) + "T13:00:00Z")).cardinality()).isZero();
        }
        once.flush();
      }
      c.commit();
      assertThat(ids(c)).hasSize(28 * 4);
    }
  }

  @Test
  void theSameEventIdAtAnotherTimeOfItsDayIsACopyButOnAnotherDayOrInAnotherRegionIsAnotherEvent() throws Exception {
    try (Connection c = store()) {
      c.setAutoCommit(false);
      try (EventsOnce once = new EventsOnce(c.unwrap(DuckDBConnection.class))) {
        once.add(1, events("x@2026-11-01T10:00:00Z"));
        assertThat(once.add(2, events("x@2026-11-01T11:00:00Z")).cardinality()).isZero();
        // CloudTrail gives every copy of an event its eventTime and region: an id reused on another day or in another
        // region is not a copy
        assertThat(once.add(3, events("x@2026-11-02T10:00:00Z")).cardinality()).isEqualTo(1);
        List<CloudTrailEvent> elsewhere = parser.parse(("{\"Records\":[{\"eventID\":\"x\",\"eventTime\":\"2026-11-01T10:00:00Z\","
            + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"recipientAccountId\":\"111122223333\","
            + "\"awsRegion\":\"eu-west-1\"}]}").getBytes(StandardCharsets.UTF_8)).events();
        assertThat(once.add(4, elsewhere).cardinality()).isEqualTo(1);
        assertThat(once.add(5, elsewhere).cardinality()).isZero();
        once.flush();
      }
      c.commit();
      assertThat(ids(c)).containsExactly("x", "x", "x");
    }
  }

  @Test
  void theTableAndTheIngestHashIdentitiesAlikeWhateverTheirText() throws Exception {
    String[] records = {"ünïcode-🔑@2026-11-01T10:00:00Z", "quote'\\\"@2026-11-01T10:00:00Z"};
    try (Connection c = store()) {
      c.setAutoCommit(false);
      try (EventsOnce once = new EventsOnce(c.unwrap(DuckDBConnection.class), 0)) {
        assertThat(once.add(1, events(records)).cardinality()).isEqualTo(2);
        once.add(2, events("other@2026-11-05T10:00:00Z")); // forgets the first partition: its hashes come from the table next
        assertThat(once.add(3, events(records)).cardinality()).isZero();
        once.flush();
      }
      c.commit();
      assertThat(ids(c)).hasSize(3);
    }
  }

  private static List<String> ids(Connection c) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT event_id FROM events ORDER BY event_id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
