// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.ParseProblem;
import dev.trailwatch.event.ParseResult;
import dev.trailwatch.event.ParseSummary;
import dev.trailwatch.store.CommittedFile;
import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.FileStatus;
import dev.trailwatch.store.StoreException;
import dev.trailwatch.testkit.SharedSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEventStoreTest {
  @TempDir Path data;
  private final LogFileParser parser = new LogFileParser();

  private List<CommittedFile> stageAndCommit(DuckDbEventStore store, String sample) throws IOException {
    byte[] bytes = Files.readAllBytes(SharedSamples.file(sample));
    ParseResult r = parser.parse(bytes);
    long id = store.nextFileId();
    store.stageRawChunk(id, 0, bytes, bytes.length);
    store.stageEvents(id, r.events());
    store.stageProblems(id, sample, r.problems());
    ParseSummary summary = new ParseSummary(r.format(), r.events().size(), r.problems().size(), 0, bytes.length);
    return store.commit(List.of(new FileEntry(id, sample, bytes.length, Instant.parse("2024-01-01T00:00:00Z"), null, "h", summary)));
  }

  @Test
  void storesEachEventOnceAcrossFilesAndCommits() throws IOException {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      CommittedFile first = stageAndCommit(store, "cpl/SerializerTestFile.json").get(0);
      CommittedFile again = stageAndCommit(store, "cpl/SerializerTestFileCompact.json.gz").get(0);

      assertThat(first.eventsNew()).isEqualTo(6);
      assertThat(again.eventsNew()).isZero();
      assertThat(again.eventsDuplicate()).isEqualTo(6);
      assertThat(store.countEvents()).isEqualTo(6);
      assertThat(store.findLatestFile("cpl/SerializerTestFileCompact.json.gz")).get()
          .satisfies(f -> assertThat(f.status()).isEqualTo(FileStatus.INGESTED));
    }
  }

  @Test
  void duplicatesInsideOneCommitAreKeptOnce() throws IOException {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      CommittedFile docs = stageAndCommit(store, "aws-docs/aws-docs-examples.json").get(0);
      assertThat(docs.eventsNew() + docs.eventsDuplicate()).isEqualTo(24);
      assertThat(docs.eventsDuplicate()).isEqualTo(2);
    }
  }

  @Test
  void originalRecordsComeBackByteForByteFromGzipAndFromEmbeddedStrings() throws IOException {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      stageAndCommit(store, "otel/cloudtrail_log_cw.json");
      stageAndCommit(store, "cpl/SerializerTestFileCompact.json.gz");
      CloudTrailEvent cw = parser.parse(Files.readAllBytes(SharedSamples.file("otel/cloudtrail_log_cw.json"))).events().get(0);

      assertThat(store.findOriginalRecord(cw.recipientAccountId() == null ? "" : cw.recipientAccountId(), cw.eventKey()))
          .contains(cw.raw().text());
      byte[] gz = Files.readAllBytes(SharedSamples.file("cpl/SerializerTestFileCompact.json.gz"));
      for (CloudTrailEvent e : parser.parse(gz).events()) {
        assertThat(store.findOriginalRecord(e.recipientAccountId(), e.eventKey())).contains(e.raw().text());
      }
    }
  }

  @Test
  void problemsAreStoredWithTheirRawText() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      CommittedFile f = stageAndCommit(store, "cpl/SerializerTestFileBadJsonFormat.json").get(0);
      assertThat(f.file().status()).isEqualTo(FileStatus.PROBLEMS);
    }
    try (Connection c = DuckDbConnections.open(data, true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT record_index, byte_offset, reason, raw_text FROM problems")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(2)).isEqualTo(1293);
      assertThat(rs.getString(3)).contains("invalid JSON");
      assertThat(rs.getString(4)).contains("userIdentityUserName1");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void discardedFilesLeaveNoTrace() throws IOException {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      byte[] bytes = Files.readAllBytes(SharedSamples.file("cpl/SerializerTestFile.json"));
      long id = store.nextFileId();
      store.stageEvents(id, parser.parse(bytes).events());
      store.stageProblems(id, "x", List.of(new ParseProblem(0, 0, "r", "")));
      store.discardStaged(id);
      store.commit(List.of());
      assertThat(store.countEvents()).isZero();
    }
  }

  @Test
  void uncommittedStagingIsLostOnCloseAndFileIdsAreNeverReused() throws IOException {
    long used;
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      stageAndCommit(store, "cpl/SerializerTestFile.json");
      used = store.nextFileId();
      store.stageEvents(used, parser.parse(Files.readAllBytes(SharedSamples.file("otel/cloudtrail_log.json"))).events());
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      assertThat(store.countEvents()).isEqualTo(6);
      assertThat(store.nextFileId()).isGreaterThan(1);
    }
  }

  @Test
  void readOnlyQueriesCannotWrite() {
    DuckDbEventStore.open(data).close();
    try (SqlQuery q = SqlQuery.open(data)) {
      assertThatThrownBy(() -> q.run("DELETE FROM events", 10, new SqlQuery.RowHandler() {
        @Override public void columns(List<SqlQuery.Column> columns) {}
        @Override public void row(List<Object> values) {}
      })).isInstanceOf(StoreException.class).hasMessageContaining("read-only");
    }
  }

  @Test
  void aMissingStoreIsAClearErrorForReaders() {
    assertThatThrownBy(() -> SqlQuery.open(data.resolve("nothing-here")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no store at");
  }
}
