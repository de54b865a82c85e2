// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.store.duckdb.DuckDbConnections;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store keeps each file's bytes as read, whatever size the file was listed with: its chunks start at the listed
 * size (most log files are a few KiB) and grow when the file holds more, or when its size is unknown (a pipe).
 */
class StoredFileBytesTest {
  @TempDir Path data;

  @Test
  void everyFilesBytesAreKeptWhateverSizeItWasListedWith() throws Exception {
    byte[] small = records(0, 3);
    byte[] large = records(1000, 9000); // several chunks of the largest size
    assertThat(large.length).isGreaterThan(2 * FileReader.RAW_CHUNK);
    List<LogFile> files = List.of(
        file("small, as listed", small, small.length),
        file("large, as listed", large, large.length),
        file("grew since it was listed", records(20_000, 28_000), 100),
        file("size unknown", records(40_000, 48_000), 0),
        file("shrank since it was listed", records(60_000, 60_002), 50L << 20));
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      IngestReport report = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none())
          .run(List.of(LogSource.of("t", files, false)), IngestListener.NONE);
      assertThat(report.filesRead()).isEqualTo(files.size());
      assertThat(report.problems()).isZero();
      assertThat(store.findOriginalRecord("111111111111", "id-47999")).contains(record(47_999));
      assertThat(store.findOriginalRecord("111111111111", "id-27999")).contains(record(27_999));
    }
    try (Connection c = DuckDbConnections.open(data, true)) {
      for (LogFile f : files) {
        assertThat(storedBytes(c, f.source())).as(f.source()).isEqualTo(f.open().readAllBytes());
      }
    }
  }

  private static byte[] storedBytes(Connection c, String source) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT data FROM raw_chunks WHERE file_id = (SELECT file_id FROM files WHERE source = ?) ORDER BY seq")) {
      ps.setString(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.write(rs.getBytes(1));
        }
      }
    }
    return out.toByteArray();
  }

  private static String record(int i) {
    return "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-02T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\","
        + "\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"111111111111\","
        + "\"requestParameters\":{\"bucketName\":\"b\",\"key\":\"" + "k".repeat(200) + i + "\"},\"eventID\":\"id-" + i + "\"}";
  }

  private static byte[] records(int from, int to) {
    List<String> r = new ArrayList<>();
    for (int i = from; i < to; i++) {
      r.add(record(i));
    }
    return ("{\"Records\":[" + String.join(",", r) + "]}").getBytes(StandardCharsets.UTF_8);
  }

  private static LogFile file(String name, byte[] bytes, long listedSize) {
    return TestFiles.of(name, listedSize, () -> new ByteArrayInputStream(bytes));
  }
}
