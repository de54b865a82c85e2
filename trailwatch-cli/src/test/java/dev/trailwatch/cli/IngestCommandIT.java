// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.testkit.SharedSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandIT {
  @TempDir Path tmp;

  private String data() {
    return tmp.resolve("data").toString();
  }

  private JsonNode json(Cli r) throws IOException {
    return new ObjectMapper().readTree(r.out());
  }

  private static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private String scalar(String sql) {
    Cli r = Cli.run("query", "--data", data(), "--csv", sql);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().lines().skip(1).findFirst().orElseThrow();
  }

  @Test
  void ingestsTheSamplesAndReportsTheirProblems() throws IOException {
    Cli r = Cli.run("ingest", "--data", data(), "--json", SharedSamples.dir().toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.PROBLEMS.code());
    JsonNode s = json(r);
    assertThat(s.get("digest_files").asInt()).isEqualTo(5);
    assertThat(s.get("formats").get("digest").asInt()).isEqualTo(5);
    assertThat(s.get("formats").get("records").asInt()).isPositive();
    int formats = 0;
    for (JsonNode n : s.get("formats")) {
      formats += n.asInt();
    }
    assertThat(formats).as("each file read counted once").isEqualTo(s.get("files_read").asInt());
    assertThat(scalar("SELECT count(DISTINCT format) FROM files")).isEqualTo(String.valueOf(s.get("formats").size()));
    assertThat(s.get("problems").asInt()).isEqualTo(4); // two broken files, two SQS bodies that are not logs
    assertThat(s.get("files_not_json").asInt()).isEqualTo(5); // licences and the README
    assertThat(s.get("events_new").asLong()).isEqualTo(Long.parseLong(scalar("SELECT count(*) FROM events")));
    // Each file's outcome as the samples README states it.
    assertThat(scalar("SELECT records FROM files WHERE source LIKE '%otel/cloudtrail_log.json'")).isEqualTo("7");
    assertThat(scalar("SELECT records FROM files WHERE source LIKE '%plaso/aws_cloudtrail.jsonl'")).isEqualTo("6");
    assertThat(scalar("SELECT records FROM files WHERE source LIKE '%aws-docs-examples.json'")).isEqualTo("24");
    assertThat(scalar("SELECT count(*) FROM files WHERE status = 'digest'")).isEqualTo("5");
    // The cpl files repeat the same six records: stored once.
    assertThat(scalar("SELECT count(*) FROM events WHERE event_name LIKE 'eventName%' AND recipient_account_id LIKE 'recipientAccountId%'"))
        .isEqualTo(scalar("SELECT count(DISTINCT (recipient_account_id, event_key)) FROM events WHERE event_name LIKE 'eventName%' AND recipient_account_id LIKE 'recipientAccountId%'"));
    assertThat(scalar("SELECT count(*) FROM events WHERE event_category = 'Insight' OR event_type = 'AwsCloudTrailInsight'")).isNotEqualTo("0");
    assertThat(s.get("records_without_time").asLong()).isPositive()
        .isEqualTo(Long.parseLong(scalar("SELECT count(*) FROM events WHERE event_time IS NULL")));
  }

  @Test
  void theFirstProblemsAreShownUnderTheirCount() throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      lines.append("{\"eventVersion\":\"1.08\",\"eventID\":\"e").append(i).append("\"}\nnot json ").append(i).append("\n");
    }
    Files.writeString(logs.resolve("a-lines.json"), lines);
    Files.write(logs.resolve("case.7z"), new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4}); // found by walking; cut short
    Files.writeString(logs.resolve("README"), "not a log");

    Cli r = Cli.run("ingest", "--data", data(), logs.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.PROBLEMS.code());
    assertThat(r.out()).contains("problems: 8 (trailwatch query")
        .contains("a-lines.json, record 1 at byte 39: invalid JSON")
        .contains("a-lines.json, record 7 at byte 189: invalid JSON: a line that is not a JSON object")
        .doesNotContain("record 9 at") // five shown: the 7z's one and the first four of the other file
        .contains("          and 3 more")
        .contains("1 not JSON (skipped)")
        .contains("formats:  json_lines 1, unknown 1\n"); // what each file read was taken for
    assertThat(r.out()).containsOnlyOnce("case.7z: not a 7z archive that can be opened: it ends before its index (truncated?)");
  }

  private static byte[] zip(java.util.Map<String, byte[]> entries) throws IOException {
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
      for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
        z.write(e.getValue());
      }
    }
    return zip.toByteArray();
  }

  @Test
  void aZipOfLogsInTheFolderIsReadAsItsFilesAndItsRecordsComeBack() throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    for (String sample : List.of("cpl/SerializerTestFileCompact.json.gz", "aws-docs/aws-docs-examples.json", "cpl/SerializerTestFileBadJsonFormat.json")) {
      entries.put("AWSLogs/" + sample, Files.readAllBytes(SharedSamples.file(sample)));
    }
    Files.write(logs.resolve("case-4711.zip"), zip(entries));
    Path unzipped = Files.createDirectories(tmp.resolve("unzipped"));
    for (String sample : List.of("cpl/SerializerTestFileCompact.json.gz", "aws-docs/aws-docs-examples.json", "cpl/SerializerTestFileBadJsonFormat.json")) {
      Files.copy(SharedSamples.file(sample), unzipped.resolve(sample.replace('/', '-')));
    }

    Cli r = Cli.run("ingest", "--data", data(), logs.toString());
    Cli u = Cli.run("ingest", "--data", tmp.resolve("from-folder").toString(), unzipped.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.PROBLEMS.code());
    assertThat(r.out()).contains("case-4711.zip, record 0 at byte 1,293: AWSLogs/cpl/SerializerTestFileBadJsonFormat.json: invalid JSON");
    String keys = "SELECT string_agg(event_key || ' ' || coalesce(event_name, ''), ',' ORDER BY event_key, event_name) FROM events";
    Cli fromFolder = Cli.run("query", "--data", tmp.resolve("from-folder").toString(), "--csv", keys);
    assertThat(u.exit()).as(u.err()).isEqualTo(ExitStatus.PROBLEMS.code());
    assertThat(scalar(keys)).isEqualTo(fromFolder.out().lines().skip(1).findFirst().orElseThrow()); // the same events as unzipped
    assertThat(scalar("SELECT format FROM files")).isEqualTo("archive");
    assertThat(r.out()).doesNotContain("passed over");
  }

  @Test
  void theLayoutOptionsChooseTheFilesInAnArchiveAndAnotherChoiceReadsItAgain() throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    for (String day : List.of("2026/11/01", "2026/11/02", "2026/11/03")) {
      entries.put("AWSLogs/111122223333/CloudTrail/us-east-1/" + day + "/x.json",
          ("{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"" + day + "\",\"recipientAccountId\":\"111122223333\"}]}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    // outside the layout: read, as in a folder
    entries.put("notes/lookup.json", "{\"eventVersion\":\"1.08\",\"eventID\":\"looked-up\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path archive = Files.write(logs.resolve("case.zip"), zip(entries));
    String keys = "SELECT string_agg(event_key, ' ' ORDER BY event_key) FROM events";

    Cli since = Cli.run("ingest", "--data", data(), "--since", "2026-11-02", logs.toString());
    assertThat(since.exit()).as(since.err()).isZero();
    assertThat(since.out()).contains("note:     " + archive + ": 1 file outside since 2026-11-02T00:00:00Z passed over; an ingest that chooses otherwise reads them");
    assertThat(scalar(keys)).isEqualTo("2026/11/02 2026/11/03 looked-up");
    assertThat(scalar("SELECT status || ' ' || selection FROM files")).isEqualTo("partial since 2026-11-02T00:00:00Z");

    Cli same = Cli.run("ingest", "--data", data(), "--since", "2026-11-02", logs.toString()); // the same choice: nothing new
    assertThat(same.out()).contains("1 unchanged (skipped)");

    Cli all = Cli.run("ingest", "--data", data(), logs.toString()); // another choice (all of it): read again
    assertThat(all.out()).contains("events:   4 read, 1 new, 3 duplicate").doesNotContain("passed over");
    assertThat(scalar(keys)).isEqualTo("2026/11/01 2026/11/02 2026/11/03 looked-up");
    assertThat(scalar("SELECT status || ' ' || coalesce(selection, '-') FROM files ORDER BY file_id DESC LIMIT 1")).isEqualTo("ingested -");
    assertThat(Cli.run("ingest", "--data", data(), logs.toString()).out()).contains("1 unchanged (skipped)");
  }

  @Test
  void aCsvExportOfWholeRecordsInTheFolderIsReadAndOtherCsvPassedOver() throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    List<String> records = new java.util.ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(SharedSamples.file("otel/cloudtrail_log.json").toFile())
        .get("Records").forEach(r -> records.add(r.toString()));
    StringBuilder csv = new StringBuilder("@timestamp,@message\n");
    records.forEach(r -> csv.append("2024-01-02 03:04:05.000,\"").append(r.replace("\"", "\"\"")).append("\"\n"));
    Files.writeString(logs.resolve("logs-insights-results.csv"), csv);
    Files.writeString(logs.resolve("accounts.csv"), "id,name\n111122223333,prod\n");

    Cli r = Cli.run("ingest", "--data", data(), logs.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("1 not JSON (skipped)");
    assertThat(scalar("SELECT format || ' ' || events_new FROM files")).isEqualTo("csv_export " + records.size());
    assertThat(scalar("SELECT count(*) FROM events")).isEqualTo(String.valueOf(records.size()));
  }

  @Test
  void recordsWithoutATimeAreKeptAndSaid() throws IOException {
    Path file = Files.writeString(tmp.resolve("odd.json"), """
        {"eventVersion":"1.08","eventID":"a","eventTime":"2026-11-01T00:00:00Z"}
        {"eventVersion":"1.08","eventID":"b","eventTime":"ThisIsAWrongEventTime"}
        """);
    Cli r = Cli.run("ingest", "--data", data(), file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("note:     1 record has no eventTime that is a time; kept, but outside every time range");
    assertThat(scalar("SELECT event_key FROM events WHERE event_time IS NULL")).isEqualTo("b");
  }

  @Test
  void aBrokenLinkInTheFolderIsNamedAndEverythingElseIsRead() throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Files.copy(SharedSamples.file("otel/cloudtrail_log.json"), logs.resolve("a.json"));
    Files.createSymbolicLink(logs.resolve("2026-11-01"), tmp.resolve("unmounted-disk/2026-11-01"));
    Files.createSymbolicLink(logs.resolve("older"), Files.createDirectories(tmp.resolve("archive")));
    Files.copy(SharedSamples.file("plaso/aws_cloudtrail.jsonl"), tmp.resolve("archive/b.jsonl"));

    Cli r = Cli.run("ingest", "--data", data(), "--no-progress", logs.toString());

    assertThat(r.exit()).isEqualTo(ExitStatus.FAILURE.code());
    assertThat(r.err()).contains("cannot read " + logs.resolve("2026-11-01") + ": a symbolic link to something that does not exist");
    assertThat(scalar("SELECT count(*) FROM events")).isEqualTo("13"); // 7 + 6, the linked folder's file included
    assertThat(scalar("SELECT count(*) FROM files WHERE source LIKE '%2026-11-01%'")).as("not in the ledger: tried again next time").isEqualTo("0");
  }

  @Test
  void readsWhatIsPipedIn() throws Exception {
    Path lookupEvents = SharedSamples.file("plaso/aws_cloudtrail.jsonl"); // aws cloudtrail lookup-events output
    for (int run = 0; run < 2; run++) {
      Process p = Jar.builder(List.of(), "ingest", "--data", data(), "--json", "-").redirectInput(lookupEvents.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isIn(0, 3);
      JsonNode s = new ObjectMapper().readTree(out);
      assertThat(s.get("events_new").asInt()).isEqualTo(run == 0 ? 6 : 0);
      assertThat(s.get("events_duplicate").asInt()).isEqualTo(run == 0 ? 0 : 6);
    }
    assertThat(scalar("SELECT count(*) FROM events")).isEqualTo("6");
    assertThat(scalar("SELECT count(*) FROM files WHERE source = 'stdin'")).isEqualTo("2");
    assertThat(Cli.run("watch", "--data", data(), "-").err()).contains("can be read once, by trailwatch ingest");
  }

  @Test
  void ingestingTheSameFolderTwiceLeavesTheSameStore() throws IOException {
    String samples = SharedSamples.dir().toString();
    Cli.run("ingest", "--data", data(), samples);
    String before = scalar("SELECT count(*) || '/' || sum(dedupe_hash) FROM events") + scalar("SELECT count(*) FROM files") + scalar("SELECT count(*) FROM problems");

    Cli again = Cli.run("ingest", "--data", data(), "--json", samples);

    JsonNode s = json(again);
    assertThat(s.get("files_read").asInt()).isZero();
    assertThat(s.get("events_new").asInt()).isZero();
    assertThat(s.get("files_unchanged").asInt()).isEqualTo(29);
    assertThat(again.exit()).isZero();
    String after = scalar("SELECT count(*) || '/' || sum(dedupe_hash) FROM events") + scalar("SELECT count(*) FROM files") + scalar("SELECT count(*) FROM problems");
    assertThat(after).isEqualTo(before);
    assertThat(Cli.run("ingest", "--data", data(), samples).out()).contains("nothing new");
  }

  @Test
  void aFileReadWhileItWasWrittenLeavesNoProblemOnceItIsComplete() throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    byte[] whole = gzip("{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"one\"},{\"eventVersion\":\"1.08\",\"eventID\":\"two\"}]}");
    Path f = logs.resolve("a.json.gz");
    Files.write(f, java.util.Arrays.copyOf(whole, whole.length / 2)); // the copy is not finished
    Files.writeString(logs.resolve("b.json"), "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"three\"}, 42]}");
    assertThat(Cli.run("ingest", "--data", data(), logs.toString()).exit()).isEqualTo(ExitStatus.PROBLEMS.code());
    assertThat(scalar("SELECT count(*) FROM problems")).isEqualTo("2");

    Files.write(f, whole);
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(Cli.run("ingest", "--data", data(), logs.toString()).exit()).isZero();
    assertThat(scalar("SELECT string_agg(source, ',') FROM problems")).isEqualTo(logs.resolve("b.json").toString()); // the other file's stays
    assertThat(scalar("SELECT count(*) FROM files WHERE source LIKE '%a.json.gz'")).isEqualTo("2"); // the ledger keeps both reads
    assertThat(scalar("SELECT count(*) FROM events")).isEqualTo("3");
  }

  @Test
  void aChangedFileIsReadAgainAndOnlyItsNewEventsAreAdded() throws IOException {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Path f = logs.resolve("a.json");
    Files.writeString(f, "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"one\",\"recipientAccountId\":\"111122223333\"}]}");
    assertThat(Cli.run("ingest", "--data", data(), logs.toString()).exit()).isZero();

    Files.writeString(f, "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"one\",\"recipientAccountId\":\"111122223333\"},"
        + "{\"eventVersion\":\"1.08\",\"eventID\":\"two\",\"recipientAccountId\":\"111122223333\"}]}");
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
    JsonNode s = json(Cli.run("ingest", "--data", data(), "--json", logs.toString()));

    assertThat(s.get("files_read").asInt()).isEqualTo(1);
    assertThat(s.get("events_new").asInt()).isEqualTo(1);
    assertThat(s.get("events_duplicate").asInt()).isEqualTo(1);
    assertThat(scalar("SELECT string_agg(event_key, '|' ORDER BY event_key) FROM events")).isEqualTo("one|two");
  }

  @Test
  void aMissingPathIsOneLineAndExitOne() {
    Cli r = Cli.run("ingest", "--data", data(), tmp.resolve("nope").toString());
    assertThat(r.exit()).isEqualTo(ExitStatus.FAILURE.code());
    assertThat(r.err().strip()).startsWith("trailwatch: error:").contains("nope").doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(Cli.run("ingest").exit()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(Cli.run("ingest", "--bogus", "x").exit()).isEqualTo(ExitStatus.USAGE.code());
  }

  @Test
  void debugPrintsTheStackTrace() {
    Cli r = Cli.run("ingest", "--debug", "--data", data(), tmp.resolve("nope").toString());
    assertThat(r.err()).contains("at dev.trailwatch");
  }

  @Test
  void helpIsThereForEveryCommand() {
    for (String command : new String[] {"ingest", "query", "stats", "generate"}) {
      Cli r = Cli.run(command, "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("Usage: trailwatch " + command).contains("Example");
    }
  }

  @Test
  void theCommandListSaysWhatEachCommandDoesInAWholeSentence() {
    Cli r = Cli.run("--help");
    assertThat(r.exit()).isZero();
    String list = r.out().substring(r.out().indexOf("Commands:"));
    // picocli lists each command with the first line of its description; a line cut mid-sentence reads as a typo
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  ([a-z-]+)\\s+(.+?)(?=^  [a-z-]+\\s|\\z)", java.util.regex.Pattern.DOTALL).matcher(list);
    int commands = 0;
    while (m.find()) {
      commands++;
      assertThat(m.group(2).strip()).as(m.group(1)).endsWith(".");
    }
    assertThat(commands).isGreaterThanOrEqualTo(12);
  }
}
