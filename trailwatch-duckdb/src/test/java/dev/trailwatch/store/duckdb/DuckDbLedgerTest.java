// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.event.LogFormat;
import dev.trailwatch.event.ParseSummary;
import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.StoredFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger a store keeps in memory (read for the sources asked about, then kept by its commits) is what its table holds. */
class DuckDbLedgerTest {
  private static final List<String> SOURCES = List.of("/logs/a.json.gz", "/logs/b.json.gz", "s3://trail/AWSLogs/1/CloudTrail/x.json.gz",
      "/logs/digest.json.gz", "/logs/case.zip", "/logs/never.json");
  @TempDir Path data;

  @Test
  void theLedgerKeptInMemoryIsTheNewestRowOfEachSourceAfterCommitsAndRollbacks() {
    Map<String, StoredFile> kept;
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      assertThat(store.latestFiles(SOURCES)).isEmpty(); // read now, and kept from here on
      add(store, "/logs/a.json.gz", "a1", Instant.parse("2026-11-01T10:00:00.123456Z"), null, LogFormat.RECORDS, null);
      store.commit();
      add(store, "/logs/b.json.gz", "b1", Instant.parse("2026-11-01T10:05:00Z"), null, LogFormat.RECORDS, null);
      store.rollback();
      add(store, "/logs/a.json.gz", "a2", Instant.parse("2026-11-02T08:00:00.5Z"), null, LogFormat.RECORDS, null); // changed since
      add(store, "s3://trail/AWSLogs/1/CloudTrail/x.json.gz", "s1", null, "\"0a1b\"", LogFormat.RECORDS, null);
      add(store, "/logs/digest.json.gz", "d1", Instant.parse("2026-11-01T11:00:00Z"), null, LogFormat.DIGEST, null);
      add(store, "/logs/case.zip", "z1", Instant.parse("2026-11-01T12:00:00Z"), null, LogFormat.ARCHIVE, "days 2026-11-01 to 2026-11-02");
      store.commit();
      kept = Map.copyOf(store.latestFiles(SOURCES));
      assertThat(kept).containsOnlyKeys("/logs/a.json.gz", "s3://trail/AWSLogs/1/CloudTrail/x.json.gz", "/logs/digest.json.gz", "/logs/case.zip");
      assertThat(kept.get("/logs/a.json.gz").sha256()).isEqualTo("a2");
      assertThat(store.latestFiles(List.of("/logs/a.json.gz", "/logs/never.json"))).containsOnlyKeys("/logs/a.json.gz");
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      assertThat(store.latestFiles(SOURCES)).isEqualTo(kept); // as the table gives it to a new store
      assertThat(store.latestFiles(List.of("/logs/case.zip", "/logs/b.json.gz"))).isEqualTo(Map.of("/logs/case.zip", kept.get("/logs/case.zip")));
    }
  }

  @Test
  void onlyTheRowsOfTheSourcesAskedAboutAreReturned() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      for (int i = 0; i < 50; i++) {
        add(store, "/logs/f" + i + ".json", "h" + i, Instant.parse("2026-11-01T10:00:00Z"), null, LogFormat.RECORDS, null);
      }
      store.commit();
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      Map<String, StoredFile> two = store.latestFiles(List.of("/logs/f3.json", "/logs/f41.json", "/logs/other.json"));
      assertThat(two).containsOnlyKeys("/logs/f3.json", "/logs/f41.json");
      assertThat(two.get("/logs/f41.json").sha256()).isEqualTo("h41");
    }
  }

  @Test
  void theSourcesAskedAboutLongestAgoAreForgottenAndReadAgainWhenAskedAgain() throws Exception {
    List<String> ten = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "/logs/f" + i + ".json").toList();
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      ten.forEach(s -> add(store, s, "first", Instant.parse("2026-11-01T10:00:00Z"), null, LogFormat.RECORDS, null));
      store.commit();
    }
    try (java.sql.Connection conn = java.sql.DriverManager.getConnection("jdbc:duckdb:" + data.resolve("trailwatch.duckdb"))) {
      Ledger ledger = new Ledger(4);
      List<String> asked = new java.util.ArrayList<>(ten);
      asked.add("/logs/never.json");
      assertThat(ledger.latest(conn, asked)).containsOnlyKeys(ten);
      assertThat(ledger.size()).isEqualTo(4); // f7, f8, f9 and never.json
      try (java.sql.Statement st = conn.createStatement()) {
        st.execute("UPDATE files SET sha256 = 'behind its back'");
      }
      Map<String, StoredFile> again = ledger.latest(conn, List.of("/logs/f0.json", "/logs/f9.json", "/logs/never.json"));
      assertThat(again.get("/logs/f0.json").sha256()).as("forgotten, so read again").isEqualTo("behind its back");
      assertThat(again.get("/logs/f9.json").sha256()).as("kept").isEqualTo("first");
      assertThat(again).containsOnlyKeys("/logs/f0.json", "/logs/f9.json");
      assertThat(ledger.size()).isEqualTo(4);
    }
  }

  @Test
  void sourcesWithQuotesAndCommasAreSourcesLikeAnyOther() {
    List<String> odd = List.of("/logs/it's, \"quoted\".json", "s3://b/k[1]{2}.json", "/logs/\\back\\slash.json");
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      odd.forEach(s -> add(store, s, "h", Instant.parse("2026-11-01T10:00:00Z"), null, LogFormat.RECORDS, null));
      store.commit();
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      assertThat(store.latestFiles(odd)).containsOnlyKeys(odd);
    }
  }

  private static void add(DuckDbEventStore store, String source, String sha, @Nullable Instant modified, @Nullable String etag, LogFormat format,
      @Nullable String selection) {
    long id = store.nextFileId();
    store.addFile(new FileEntry(id, source, 1000 + id, modified, etag, sha, new ParseSummary(format, 0, 0, 0, 0, 2000), selection), 0, 0);
  }
}
