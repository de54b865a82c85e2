// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Huge inputs run through the real jar with a 256 MiB heap: no crash, problems reported, good records kept. */
class LargeInputIT {
  private static final List<String> SMALL_HEAP = List.of("-Xmx256m");
  @TempDir Path tmp;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aTwoHundredMegabyteRecordIsAProblemAndItsNeighboursAreKept() throws Exception {
    Path file = tmp.resolve("huge-record.json");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(utf8("{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"before\",\"eventName\":\"A\"},"
          + "{\"eventVersion\":\"1.08\",\"eventID\":\"huge\",\"requestParameters\":{\"blob\":\""));
      byte[] block = new byte[1 << 20];
      Arrays.fill(block, (byte) 'A');
      for (int i = 0; i < 200; i++) {
        out.write(block);
      }
      out.write(utf8("\"}},{\"eventVersion\":\"1.08\",\"eventID\":\"after\",\"eventName\":\"B\"}]}"));
    }

    Cli r = Jar.run(300, SMALL_HEAP, "ingest", "--json", "--data", tmp.resolve("data").toString(), file.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.PROBLEMS.code());
    JsonNode s = new ObjectMapper().readTree(r.out());
    assertThat(s.get("problems").asInt()).isEqualTo(1);
    assertThat(s.get("events_new").asInt()).isEqualTo(2);
    Cli q = Cli.run("query", "--data", tmp.resolve("data").toString(), "--csv", "SELECT reason FROM problems");
    assertThat(q.out()).contains("larger than the 16 MiB limit");
  }

  @Test
  void aSevenZipArchiveOverAQuarterOfTheHeapIsReadFromATemporaryCopyThatIsThenRemoved() throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    int records = 70_000; // of 1 KiB each: 70 MB, more than a quarter of the small heap
    try (org.apache.commons.compress.archivers.sevenz.SevenZOutputFile z =
        new org.apache.commons.compress.archivers.sevenz.SevenZOutputFile(logs.resolve("case.7z").toFile())) {
      z.setContentCompression(org.apache.commons.compress.archivers.sevenz.SevenZMethod.COPY); // stored as it is, quickly
      org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry e = new org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry();
      e.setName("big.json");
      z.putArchiveEntry(e);
      String padding = "x".repeat(960);
      for (int i = 0; i < records; i++) {
        z.write(utf8("{\"eventVersion\":\"1.08\",\"eventID\":\"e" + i + "\",\"requestParameters\":{\"p\":\"" + padding + "\"}}\n"));
      }
      z.closeArchiveEntry();
    }
    Files.write(logs.resolve("next.json"), utf8("{\"eventVersion\":\"1.08\",\"eventID\":\"next\"}\n"));
    Path childTmp = Files.createDirectories(tmp.resolve("child-tmp"));
    List<String> jvm = new java.util.ArrayList<>(SMALL_HEAP);
    jvm.add("-Djava.io.tmpdir=" + childTmp);

    Cli r = Jar.run(300, jvm, "ingest", "--data", tmp.resolve("data").toString(), logs.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.OK.code());
    assertThat(r.out()).contains("events:   " + String.format(java.util.Locale.ROOT, "%,d", records + 1) + " read, " + String.format(java.util.Locale.ROOT, "%,d", records + 1) + " new");
    try (java.util.stream.Stream<Path> left = Files.list(childTmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".7z"));
    }
  }

  @Test
  void aMillionSmallRecordsInOneFileFitInASmallHeap() throws Exception {
    Path file = tmp.resolve("million.json");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(utf8("{\"Records\":["));
      for (int i = 0; i < 1_000_000; i++) {
        out.write(utf8((i == 0 ? "" : ",") + "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-01-01T00:00:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\""
            + (i % 1000 == 999 ? "StopLogging" : "GetObject") + "\",\"eventID\":\"e" + i + "\",\"recipientAccountId\":\"111122223333\"}"));
      }
      out.write(utf8("]}"));
    }

    Cli r = Jar.run(600, SMALL_HEAP, "ingest", "--json", "--data", tmp.resolve("data").toString(), file.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(r.out());
    assertThat(s.get("events_new").asInt()).isEqualTo(1_000_000);
    assertThat(s.get("problems").asInt()).isZero();
    // and hunted from the store, whose copy of the file (170 MB) is read a chunk at a time: read at once, it crashed
    // the JVM inside DuckDB's driver
    Cli hunt = Jar.run(600, SMALL_HEAP, "hunt", "--json", "--data", tmp.resolve("data").toString(), stopLogging().toString());
    assertThat(hunt.exit()).as(hunt.err()).isZero();
    assertThat(hunt.out().lines()).hasSize(1000).allSatisfy(l -> assertThat(l).contains("StopLogging"));
    assertThat(hunt.out()).contains("\"e999999\"");
  }

  private Path stopLogging() throws IOException {
    return Files.writeString(tmp.resolve("stop-logging.yml"), "title: Trail stopped\nid: 9c1e4d2b-0a7f-4e55-9a11-3d2f6b7c8e90\n"
        + "status: test\nlogsource: {product: aws, service: cloudtrail}\ndetection: {selection: {eventName: StopLogging}, condition: selection}\n"
        + "level: high\n");
  }

  @Test
  void aFirehoseBackupWhoseDataInflatesPastTheHeapIsReadAndReplayedAsItStreams() throws Exception {
    int records = 300_000; // of about 1 KiB each once inflated: 300 MB, more than the small heap holds
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new java.util.zip.GZIPOutputStream(gz, 1 << 16)) {
      out.write(utf8("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":["));
      String padding = "x".repeat(900);
      for (int i = 0; i < records; i++) {
        out.write(utf8((i == 0 ? "" : ",") + "{\"id\":\"" + i + "\",\"timestamp\":1,\"message\":\"{\\\"eventVersion\\\":\\\"1.08\\\",\\\"eventID\\\":\\\"e" + i
            + "\\\",\\\"eventName\\\":\\\"" + (i % 1000 == 0 ? "StopLogging" : "GetObject") + "\\\",\\\"eventSource\\\":\\\"s3.amazonaws.com\\\",\\\"userAgent\\\":\\\"" + padding + "\\\"}\"}"));
      }
      out.write(utf8("]}"));
    }
    Path file = tmp.resolve("processing-failed.json");
    Files.write(file, utf8("{\"attemptsMade\":4,\"errorCode\":\"Lambda.FunctionError\",\"rawData\":\"" + java.util.Base64.getEncoder().encodeToString(gz.toByteArray())
        + "\"}\n{\"attemptsMade\":4,\"rawData\":\"" + java.util.Base64.getEncoder().encodeToString(utf8("{\"eventVersion\":\"1.08\",\"eventID\":\"next\"}")) + "\"}\n"));
    String data = tmp.resolve("data").toString();

    Cli r = Jar.run(600, SMALL_HEAP, "ingest", "--json", "--data", data, file.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(r.out());
    assertThat(s.get("events_new").asInt()).isEqualTo(records + 1);
    assertThat(s.get("formats").get("firehose_backup").asInt()).isEqualTo(1);
    Cli hunt = Jar.run(600, SMALL_HEAP, "hunt", "--json", "--data", data, stopLogging().toString());
    assertThat(hunt.exit()).as(hunt.err()).isZero();
    assertThat(hunt.out().lines()).hasSize(records / 1000);
  }

  @Test
  void randomBytesAndTruncatedGzipNamedExplicitlyAreProblemsNotCrashes() throws IOException, InterruptedException {
    Path junk = tmp.resolve("junk.bin");
    byte[] bytes = new byte[100_000];
    new java.util.Random(1).nextBytes(bytes);
    Files.write(junk, bytes);
    Path gz = tmp.resolve("cut.json.gz");
    byte[] whole = Files.readAllBytes(dev.trailwatch.testkit.SharedSamples.file("cpl/SerializerTestFileCompact.json.gz"));
    Files.write(gz, Arrays.copyOf(whole, whole.length / 2));

    Cli r = Jar.run(120, SMALL_HEAP, "ingest", "--json", "--data", tmp.resolve("data").toString(), junk.toString(), gz.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.PROBLEMS.code());
    JsonNode s = new ObjectMapper().readTree(r.out());
    assertThat(s.get("problems").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(s.get("files_read").asInt()).isEqualTo(2);
  }
}
