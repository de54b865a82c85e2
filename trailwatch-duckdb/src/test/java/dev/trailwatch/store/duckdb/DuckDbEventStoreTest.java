// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.ParseProblem;
import dev.trailwatch.event.ParseResult;
import dev.trailwatch.event.ParseSummary;
import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.FileStatus;
import dev.trailwatch.store.StoreException;
import dev.trailwatch.testkit.SharedSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  record Added(FileEntry file, int eventsNew, int eventsDuplicate) {}

  private List<Added> stageAndCommit(DuckDbEventStore store, String sample) throws IOException {
    return stageAndCommit(store, sample, Files.readAllBytes(SharedSamples.file(sample)));
  }

  private List<Added> stageAndCommit(DuckDbEventStore store, String sample, byte[] bytes) {
    ParseResult r = parser.parse(bytes);
    long id = store.nextFileId();
    store.addRawChunk(id, 0, bytes, bytes.length);
    int added = store.addEvents(id, r.events()).cardinality();
    store.addProblems(id, sample, r.problems());
    ParseSummary summary = new ParseSummary(r.format(), r.events().size(), r.problems().size(), 0, 0, bytes.length);
    FileEntry entry = new FileEntry(id, sample, bytes.length, Instant.parse("2024-01-01T00:00:00Z"), null, "h", summary);
    store.addFile(entry, added, r.events().size() - added);
    store.commit();
    return List.of(new Added(entry, added, r.events().size() - added));
  }

  @Test
  void storesEachEventOnceAcrossFilesAndCommits() throws IOException {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      Added first = stageAndCommit(store, "cpl/SerializerTestFile.json").get(0);
      Added again = stageAndCommit(store, "cpl/SerializerTestFileCompact.json.gz").get(0);

      assertThat(first.eventsNew()).isEqualTo(6);
      assertThat(again.eventsNew()).isZero();
      assertThat(again.eventsDuplicate()).isEqualTo(6);
      assertThat(store.countEvents()).isEqualTo(6);
      assertThat(store.latestFiles().get("cpl/SerializerTestFileCompact.json.gz").status()).isEqualTo(FileStatus.INGESTED);
    }
  }

  @Test
  void duplicatesInsideOneCommitAreKeptOnce() throws IOException {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      Added docs = stageAndCommit(store, "aws-docs/aws-docs-examples.json").get(0);
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
  void originalRecordsOfUtf16FilesComeBackAsTheirText() throws IOException {
    byte[] utf8 = Files.readAllBytes(SharedSamples.file("aws-docs/aws-docs-examples.json"));
    byte[] utf16 = new String(utf8, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16); // with a byte order mark
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(utf16);
    }
    for (byte[] file : List.of(utf16, gz.toByteArray())) {
      try (DuckDbEventStore store = DuckDbEventStore.open(data.resolve(String.valueOf(file.length)))) {
        stageAndCommit(store, "exported-by-powershell.json", file);
        List<CloudTrailEvent> events = parser.parse(utf8).events();
        assertThat(store.countEvents()).isEqualTo(22); // 24 records, two of them twice
        java.util.Map<String, String> firstText = new java.util.HashMap<>(); // a duplicate keeps its first copy
        for (CloudTrailEvent e : events) {
          String account = e.recipientAccountId() == null ? "" : e.recipientAccountId();
          firstText.putIfAbsent(account + " " + e.eventKey(), e.raw().text());
          assertThat(store.findOriginalRecord(account, e.eventKey())).contains(firstText.get(account + " " + e.eventKey()));
        }
      }
    }
  }

  @Test
  void originalRecordsOfFilesInAZipComeBackByteForByte() throws IOException {
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
      for (String sample : List.of("cpl/SerializerTestFileCompact.json.gz", "otel/cloudtrail_log_cw.json", "otel/cloudtrail_log.json")) {
        z.putNextEntry(new java.util.zip.ZipEntry("logs/" + sample));
        z.write(Files.readAllBytes(SharedSamples.file(sample)));
      }
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      stageAndCommit(store, "case-4711.zip", zip.toByteArray());
      List<CloudTrailEvent> events = parser.parse(zip.toByteArray()).events();
      assertThat(events).hasSize(6 + 1 + 7);
      for (CloudTrailEvent e : events) {
        assertThat(store.findOriginalRecord(e.recipientAccountId() == null ? "" : e.recipientAccountId(), e.eventKey())).contains(e.raw().text());
      }
    }
  }

  @Test
  void originalRecordsOfXzAndZstdFilesComeBackByteForByte() throws IOException {
    byte[] plain = Files.readAllBytes(SharedSamples.file("otel/cloudtrail_log.json"));
    java.io.ByteArrayOutputStream xz = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream out = new org.apache.commons.compress.compressors.xz.XZCompressorOutputStream(xz)) {
      out.write(plain);
    }
    java.io.ByteArrayOutputStream zstd = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream out = new com.github.luben.zstd.ZstdOutputStream(zstd)) {
      out.write(xz.toByteArray()); // and compressed twice
    }
    for (byte[] file : List.of(xz.toByteArray(), zstd.toByteArray())) {
      try (DuckDbEventStore store = DuckDbEventStore.open(data.resolve(String.valueOf(file.length)))) {
        stageAndCommit(store, "logs.json.xz", file);
        List<CloudTrailEvent> events = parser.parse(plain).events();
        assertThat(store.countEvents()).isEqualTo(events.size());
        for (CloudTrailEvent e : events) {
          assertThat(store.findOriginalRecord(e.recipientAccountId(), e.eventKey())).contains(e.raw().text());
        }
      }
    }
  }

  @Test
  void originalRecordsOfCloudWatchLogsApiOutputAndLogsInsightsResultsAndCsvAndShippersDocumentsComeBackAsTheirMessages() throws IOException {
    List<CloudTrailEvent> records = parser.parse(Files.readAllBytes(SharedSamples.file("otel/cloudtrail_log.json"))).events();
    StringBuilder filtered = new StringBuilder("{\"events\": [");
    StringBuilder insights = new StringBuilder("{\"results\": [");
    StringBuilder csv = new StringBuilder("@timestamp,@message\n");
    StringBuilder documents = new StringBuilder(); // an index's dump: Elastic's AWS integration, then Logstash
    for (int i = 0; i < records.size(); i++) {
      String message = "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(records.get(i).raw().text())) + "\"";
      filtered.append(i == 0 ? "" : ",").append("\n  {\"logStreamName\": \"s\", \"timestamp\": 1, \"message\": ").append(message).append("}");
      insights.append(i == 0 ? "" : ",").append("\n  [{\"field\": \"@timestamp\", \"value\": \"t\"}, {\"field\": \"@message\", \"value\": ").append(message).append("}]");
      csv.append("t,\"").append(records.get(i).raw().text().replace("\"", "\"\"")).append("\"\n");
      documents.append("{\"_index\":\"i\",\"_source\":").append(i % 2 == 0 ? "{\"event\":{\"original\":" + message + "}}" : "{\"message\":" + message + "}").append("}\n");
    }
    for (String file : List.of(filtered + "\n]}\n", insights + "\n], \"status\": \"Complete\"}\n", csv.toString(), documents.toString())) {
      try (DuckDbEventStore store = DuckDbEventStore.open(data.resolve(String.valueOf(file.length())))) {
        stageAndCommit(store, "out.json", file.getBytes(StandardCharsets.UTF_8));
        assertThat(store.countEvents()).isEqualTo(records.size());
        for (CloudTrailEvent e : records) {
          assertThat(store.findOriginalRecord(e.recipientAccountId(), e.eventKey())).as(file).contains(e.raw().text());
        }
      }
    }
  }

  @Test
  void aNewStoreIsMadeWholeBeforeItHasItsNameAndAHalfMadeOneIsMadeAgain() throws IOException {
    Files.createDirectories(data);
    Files.write(data.resolve("trailwatch.duckdb.new"), new byte[100]); // what a first run killed while creating it leaves
    Files.write(data.resolve("trailwatch.duckdb"), new byte[0]); // and what earlier versions, which made it in place, left
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      stageAndCommit(store, "cpl/SerializerTestFile.json");
    }
    try (java.util.stream.Stream<Path> files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("trailwatch.duckdb.new", "trailwatch.duckdb.new.wal");
    }
    try (DuckDbEventStore again = DuckDbEventStore.open(data)) {
      assertThat(again.countEvents()).isEqualTo(6);
    }
  }

  @Test
  void aStoreMadeBeforeArchivesCouldBeReadInPartGetsTheSelectionColumn() throws Exception {
    java.nio.file.Files.createDirectories(data);
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + data.resolve("trailwatch.duckdb"));
        Statement s = c.createStatement()) { // the ledger as it was
      s.execute("CREATE TABLE files (file_id BIGINT NOT NULL, source VARCHAR NOT NULL, size BIGINT NOT NULL, last_modified TIMESTAMP,"
          + " etag VARCHAR, sha256 VARCHAR NOT NULL, format VARCHAR NOT NULL, status VARCHAR NOT NULL, records INTEGER NOT NULL,"
          + " events_new INTEGER NOT NULL, events_duplicate INTEGER NOT NULL, problems INTEGER NOT NULL,"
          + " unknown_field_records INTEGER NOT NULL, decompressed_bytes BIGINT NOT NULL, ingested_at TIMESTAMP NOT NULL)");
      s.execute("INSERT INTO files VALUES (1, 'old.json', 10, NULL, NULL, 'h', 'records', 'ingested', 1, 1, 0, 0, 0, 10, now())");
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      stageAndCommit(store, "cpl/SerializerTestFile.json");
      assertThat(store.latestFiles().get("old.json").selection()).isNull();
      assertThat(store.latestFiles().get("cpl/SerializerTestFile.json").status()).isEqualTo(FileStatus.INGESTED);
    }
  }

  @Test
  void problemsAreStoredWithTheirRawText() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      Added f = stageAndCommit(store, "cpl/SerializerTestFileBadJsonFormat.json").get(0);
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
  void droppedFilesLeaveNoTraceAndTheirEventsCanComeLater() throws IOException {
    byte[] bytes = Files.readAllBytes(SharedSamples.file("cpl/SerializerTestFile.json"));
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      long id = store.nextFileId();
      assertThat(store.addEvents(id, parser.parse(bytes).events()).cardinality()).isEqualTo(6);
      store.addProblems(id, "x", List.of(new ParseProblem(0, 0, "r", "")));
      store.dropFile(id);
      store.commit();
      assertThat(store.countEvents()).isZero();
      assertThat(store.addEvents(store.nextFileId(), parser.parse(bytes).events()).cardinality()).isEqualTo(6);
    }
  }

  @Test
  void whatIsNotCommittedIsGoneAfterClose() throws IOException {
    List<CloudTrailEvent> many = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) { // more than an appender buffers, so automatic flushes happen
      many.add(parser.parse(("{\"eventVersion\":\"1.0\",\"eventID\":\"e" + i + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)).events().get(0));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      stageAndCommit(store, "cpl/SerializerTestFile.json");
      store.addEvents(store.nextFileId(), many);
      assertThat(store.countEvents()).isEqualTo(10_006);
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      assertThat(store.countEvents()).isEqualTo(6);
      assertThat(store.nextFileId()).isGreaterThan(1);
      assertThat(store.addEvents(store.nextFileId(), many).cardinality()).isEqualTo(10_000);
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
