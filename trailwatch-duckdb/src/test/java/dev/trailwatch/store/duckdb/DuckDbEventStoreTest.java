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
import java.util.Set;
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
    FileEntry entry = new FileEntry(id, sample, bytes.length, Instant.parse("2024-01-01T00:00:00Z"), null, "h", summary, null);
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
      assertThat(store.latestFiles(List.of("cpl/SerializerTestFileCompact.json.gz")).get("cpl/SerializerTestFileCompact.json.gz").status()).isEqualTo(FileStatus.INGESTED);
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
  void originalRecordsDeliveredAsTextComeBackAsTheRecordTheTextHolds() throws IOException {
    List<CloudTrailEvent> records = parser.parse(Files.readAllBytes(SharedSamples.file("otel/cloudtrail_log.json"))).events();
    StringBuilder filtered = new StringBuilder("{\"events\": [");
    StringBuilder insights = new StringBuilder("{\"results\": [");
    StringBuilder csv = new StringBuilder("@timestamp,@message\n");
    StringBuilder documents = new StringBuilder(); // an index's dump: Elastic's AWS integration, then Logstash
    StringBuilder shipped = new StringBuilder(); // a _bulk body of Logstash's and Filebeat's documents
    StringBuilder collected = new StringBuilder(); // Cribl's events, then Splunk HEC's, the record as an object and as text
    StringBuilder bridged = new StringBuilder("{\"events\": ["); // a log group an EventBridge rule writes to
    StringBuilder sumo = new StringBuilder("{\"fields\":[],\"messages\":[");
    StringBuilder loki = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{},\"values\":[");
    for (int i = 0; i < records.size(); i++) {
      String message = "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(records.get(i).raw().text())) + "\"";
      filtered.append(i == 0 ? "" : ",").append("\n  {\"logStreamName\": \"s\", \"timestamp\": 1, \"message\": ").append(message).append("}");
      insights.append(i == 0 ? "" : ",").append("\n  [{\"field\": \"@timestamp\", \"value\": \"t\"}, {\"field\": \"@message\", \"value\": ").append(message).append("}]");
      csv.append("t,\"").append(records.get(i).raw().text().replace("\"", "\"\"")).append("\"\n");
      String event = "{\"version\":\"0\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":" + records.get(i).raw().text() + "}";
      bridged.append(i == 0 ? "" : ",").append("{\"message\": \"")
          .append(new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(event))).append("\"}");
      sumo.append(i == 0 ? "" : ",").append("{\"map\":{\"_raw\":").append(message).append("}}");
      loki.append(i == 0 ? "" : ",").append("[\"1704164645000000000\",").append(message).append("]");
      shipped.append("{\"index\":{\"_index\":\"ct\"}}\n{\"@timestamp\":\"t\",").append(i % 2 == 0 ? "\"message\":" + message : "\"event\":{\"original\":" + message + "}")
          .append(",\"host\":\"h\"}\n");
      collected.append(switch (i % 3) {
        case 0 -> "{\"_raw\":" + message + ",\"_time\":1}\n";
        case 1 -> "{\"time\":1,\"sourcetype\":\"aws:cloudtrail\",\"event\":" + records.get(i).raw().text() + "}";
        default -> "{\"time\":1,\"event\":" + message + "}";
      });
      documents.append("{\"_index\":\"i\",\"_source\":").append(i % 2 == 0 ? "{\"event\":{\"original\":" + message + "}}" : "{\"message\":" + message + "}").append("}\n");
    }
    StringBuilder merged = new StringBuilder(); // Splunk's export where line merging put two records, one a line, in one _raw
    for (int i = 0; i < records.size(); i += 2) {
      String raw = records.get(i).raw().text() + (i + 1 < records.size() ? "\n" + records.get(i + 1).raw().text() : "");
      merged.append("{\"result\":{\"_raw\":\"").append(new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(raw)))
          .append("\"}}\n");
    }
    StringBuilder backups = new StringBuilder(); // Firehose's processing-failed/: each record's data, a record or a gzip envelope, base64
    for (int i = 0; i < records.size(); i++) {
      String text = records.get(i).raw().text();
      byte[] data = (i % 2 == 0 ? text : "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":\""
          + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text)) + "\"}]}").getBytes(StandardCharsets.UTF_8);
      if (i % 2 == 1) {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
          out.write(data);
        }
        data = gz.toByteArray();
      }
      backups.append("{\"attemptsMade\":1,\"errorCode\":\"Lambda.FunctionError\",\"rawData\":\"").append(java.util.Base64.getEncoder().encodeToString(data))
          .append("\",\"lambdaArn\":\"arn:aws:lambda:eu-west-1:1:function:f\"}\n");
    }
    // Logstash's S3 input with its default codec: a CloudTrail file's one line as a message, here delivered twice
    String wholeFile = "{\"_index\":\"logstash\",\"_source\":{\"message\":\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
        .quoteAsString(Files.readString(SharedSamples.file("otel/cloudtrail_log.json")).strip())) + "\"}}\n";
    for (String file : List.of(filtered + "\n]}\n", insights + "\n], \"status\": \"Complete\"}\n", csv.toString(), documents.toString(), bridged + "]}",
        wholeFile + wholeFile, loki + "]}]}}", sumo + "]}", shipped.toString(), collected.toString(), merged.toString(), backups.toString())) {
      Path dir = data.resolve(String.valueOf(file.length()));
      try (DuckDbEventStore store = DuckDbEventStore.open(dir)) {
        stageAndCommit(store, "out.json", file.getBytes(StandardCharsets.UTF_8));
        assertThat(store.countEvents()).isEqualTo(records.size());
        for (CloudTrailEvent e : records) {
          assertThat(store.findOriginalRecord(e.recipientAccountId(), e.eventKey())).as(file).contains(e.raw().text());
        }
      }
      List<String> replayed = new java.util.ArrayList<>(); // a retro-hunt's replay reads the same records
      try (StoredEvents stored = StoredEvents.open(dir)) {
        stored.forEach(null, null, null, e -> replayed.add(e.raw().text()), (done, total) -> {});
      }
      assertThat(replayed).as(file).containsExactlyInAnyOrderElementsOf(records.stream().map(e -> e.raw().text()).toList());
      String name = records.get(0).eventName();
      List<String> named = new java.util.ArrayList<>(); // only the records asked for, though they share one text
      try (StoredEvents stored = StoredEvents.open(dir)) {
        stored.forEach(null, null, Set.of(name), e -> named.add(e.raw().text()), (done, total) -> {});
      }
      assertThat(named).as(file).containsExactlyInAnyOrderElementsOf(records.stream().filter(e -> name.equals(e.eventName())).map(e -> e.raw().text()).toList());
    }
  }

  /** What a replayed event must agree on with the one ingest kept: all that rules read. */
  private static String described(CloudTrailEvent e) {
    return String.join(" | ", e.identity(), e.raw().text(), String.valueOf(e.eventTime()), String.valueOf(e.eventName()), String.valueOf(e.eventSource()),
        String.valueOf(e.awsRegion()), String.valueOf(e.sourceIpAddress()), e.userIdentity().toString(), String.valueOf(e.errorCode()), e.actor(),
        String.valueOf(e.raw().nested(dev.trailwatch.event.NestedDocument.REQUEST_PARAMETERS)),
        String.valueOf(e.raw().nested(dev.trailwatch.event.NestedDocument.RESPONSE_ELEMENTS)));
  }

  @Test
  void aReplayYieldsEveryStoredRecordAsIngestKeptIt() throws IOException {
    // an element of Records is a record because its file says so, however odd its fields
    byte[] odd = "{\"Records\":[{\"odd\":true,\"recipientAccountId\":\"9\"},{\"eventVersion\":\"1.08\",\"eventID\":\"x\"}]}".getBytes(StandardCharsets.UTF_8);
    java.util.Map<String, CloudTrailEvent> kept = new java.util.LinkedHashMap<>(); // each identity once: the first, as stored
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      for (String sample : List.of("cpl/SerializerTestFile.json", "aws-docs/aws-docs-examples.json", "otel/cloudtrail_log_cw.json", "odd.json")) {
        byte[] bytes = sample.equals("odd.json") ? odd : Files.readAllBytes(SharedSamples.file(sample));
        stageAndCommit(store, sample, bytes);
        parser.parse(bytes).events().forEach(e -> kept.putIfAbsent(e.identity(), e));
      }
    }
    List<String> replayed = new java.util.ArrayList<>();
    try (StoredEvents stored = StoredEvents.open(data)) {
      stored.forEach(null, null, null, e -> replayed.add(described(e)), (done, total) -> {});
    }
    assertThat(replayed).containsExactlyInAnyOrderElementsOf(kept.values().stream().map(DuckDbEventStoreTest::described).toList());
    assertThat(replayed).anyMatch(d -> d.contains("{\"odd\":true,"));
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
      assertThat(store.latestFiles(List.of("old.json")).get("old.json").selection()).isNull();
      assertThat(store.latestFiles(List.of("cpl/SerializerTestFile.json")).get("cpl/SerializerTestFile.json").status()).isEqualTo(FileStatus.INGESTED);
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
  void everyTypedFieldIsStoredInItsColumn() throws Exception {
    String record = """
        {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:s","arn":"arn:aws:sts::111122223333:assumed-role/R/s",\
        "accountId":"111122223333","accessKeyId":"ASIAEXAMPLE","userName":"u","invokedBy":"cloudformation.amazonaws.com","sessionContext":{"sessionIssuer":\
        {"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/R","accountId":"111122223333","userName":"R"},\
        "attributes":{"mfaAuthenticated":"true"}}},"eventTime":"2024-01-02T03:04:05Z","eventSource":"ec2.amazonaws.com","eventName":"RunInstances",\
        "awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.9","userAgent":"aws-cli/2.15","errorCode":"Client.UnauthorizedOperation",\
        "errorMessage":"You are not authorized: é ✓","requestParameters":{"a": 1},"responseElements":null,"additionalEventData":{"MFAUsed":"No"},\
        "requestID":"req-1","eventID":"ev-1","readOnly":false,"resources":[{"ARN":"arn:aws:ec2:eu-west-1:111122223333:instance/i-1"}],\
        "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management","sharedEventID":"sh-1",\
        "vpcEndpointId":"vpce-1","serviceEventDetails":{"c":"d"},"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256",\
        "clientProvidedHostHeader":"ec2.eu-west-1.amazonaws.com"}}""";
    java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>();
    String[] texts = {"event_key", "ev-1", "event_id", "ev-1", "event_version", "1.09", "event_source", "ec2.amazonaws.com", "event_name", "RunInstances",
        "aws_region", "eu-west-1", "source_ip_address", "203.0.113.9", "user_agent", "aws-cli/2.15", "identity_type", "AssumedRole",
        "identity_principal_id", "AROAEXAMPLE:s", "identity_arn", "arn:aws:sts::111122223333:assumed-role/R/s", "identity_account_id", "111122223333",
        "identity_access_key_id", "ASIAEXAMPLE", "identity_user_name", "u", "identity_invoked_by", "cloudformation.amazonaws.com",
        "session_issuer_type", "Role", "session_issuer_arn", "arn:aws:iam::111122223333:role/R", "session_issuer_user_name", "R",
        "session_issuer_account_id", "111122223333", "actor", "u", "error_code", "Client.UnauthorizedOperation", "error_message", "You are not authorized: é ✓",
        "event_type", "AwsApiCall", "event_category", "Management", "request_id", "req-1", "shared_event_id", "sh-1", "recipient_account_id", "111122223333",
        "vpc_endpoint_id", "vpce-1", "tls_version", "TLSv1.3", "tls_cipher_suite", "TLS_AES_128_GCM_SHA256",
        "tls_client_provided_host_header", "ec2.eu-west-1.amazonaws.com", "request_parameters", "{\"a\": 1}",
        "additional_event_data", "{\"MFAUsed\":\"No\"}", "resources", "[{\"ARN\":\"arn:aws:ec2:eu-west-1:111122223333:instance/i-1\"}]",
        "service_event_details", "{\"c\":\"d\"}"};
    for (int i = 0; i < texts.length; i += 2) {
      expected.put(texts[i], texts[i + 1]);
    }
    expected.put("mfa_authenticated", true);
    expected.put("mfa_used", false);
    expected.put("read_only", false);
    expected.put("management_event", true);
    expected.put("record_index", 0);
    expected.put("raw_offset", 0L);
    expected.put("raw_length", record.getBytes(StandardCharsets.UTF_8).length);
    expected.put("raw_encoded", false);
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      stageAndCommit(store, "full.json", record.getBytes(StandardCharsets.UTF_8));
    }
    try (Connection c = DuckDbConnections.open(data, true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM events")) {
      assertThat(rs.next()).isTrue();
      for (var column : expected.entrySet()) {
        assertThat(rs.getObject(column.getKey())).as(column.getKey()).isEqualTo(column.getValue());
      }
      assertThat(rs.getObject("response_elements")).isNull();
      assertThat(rs.getObject("event_time", java.time.LocalDateTime.class)).isEqualTo(java.time.LocalDateTime.parse("2024-01-02T03:04:05"));
      assertThat(rs.getLong("dedupe_hash")).isEqualTo(new DedupeKeys.Strong().of("111122223333", "ev-1").hi());
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void eventsWithoutTheirFieldsAreStoredWithNulls() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      stageAndCommit(store, "bare.json", "{\"eventVersion\":\"1.0\",\"eventID\":\"e\"}".getBytes(StandardCharsets.UTF_8));
    }
    try (Connection c = DuckDbConnections.open(data, true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_time, event_name, mfa_used, read_only, request_parameters, identity_type FROM events")) {
      assertThat(rs.next()).isTrue();
      for (int i = 1; i <= 6; i++) {
        assertThat(rs.getObject(i)).as("column %d", i).isNull();
      }
    }
  }

  @Test
  void whatIsNotCommittedIsGoneAfterClose() throws IOException {
    List<CloudTrailEvent> many = new java.util.ArrayList<>();
    for (int i = 0; i < EventBatch.ROWS + 10_000; i++) { // more than a batch holds, so batches go to DuckDB before the commit
      many.add(parser.parse(("{\"eventVersion\":\"1.0\",\"eventID\":\"e" + i + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)).events().get(0));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      stageAndCommit(store, "cpl/SerializerTestFile.json");
      store.addEvents(store.nextFileId(), many);
      assertThat(store.countEvents()).isEqualTo(many.size() + 6);
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      assertThat(store.countEvents()).isEqualTo(6);
      assertThat(store.nextFileId()).isGreaterThan(1);
      assertThat(store.addEvents(store.nextFileId(), many).cardinality()).isEqualTo(many.size());
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
