// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The first N records of a corpus written three ways, one file each, for timing what reading a record delivered as
 * text costs: as JSON lines ({@code lines/}), as Logstash's documents, the record as the message ({@code logstash/}),
 * and as a Firehose backup of failed deliveries, the record as base64 rawData ({@code firehose/}):
 * {@code java -cp bench/target/benchmarks.jar dev.trailwatch.bench.DeliveredForms CORPUS OUT N} (bench/delivered.sh).
 */
public final class DeliveredForms {
  private DeliveredForms() {}

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long wanted = Long.parseLong(args[2]);
    List<Path> files;
    try (Stream<Path> s = Files.walk(corpus)) {
      files = s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
    }
    LogFileParser parser = new LogFileParser();
    long written = 0;
    try (BufferedWriter lines = writer(out.resolve("lines/records.ndjson"));
        BufferedWriter logstash = writer(out.resolve("logstash/logstash.ndjson"));
        BufferedWriter firehose = writer(out.resolve("firehose/backup.ndjson"))) {
      for (Path f : files) {
        List<CloudTrailEvent> events;
        try (InputStream in = Files.newInputStream(f)) {
          events = parser.parse(in.readAllBytes()).events();
        }
        for (CloudTrailEvent e : events) {
          String record = e.raw().text();
          lines.write(record + "\n");
          logstash.write("{\"@timestamp\":\"" + e.eventTime() + "\",\"@version\":\"1\",\"message\":\""
              + new String(JsonStringEncoder.getInstance().quoteAsString(record)) + "\",\"host\":\"logstash-1\"}\n");
          firehose.write("{\"attemptsMade\":4,\"arrivalTimestamp\":1,\"errorCode\":\"Splunk.ConnectionTimeout\",\"rawData\":\""
              + Base64.getEncoder().encodeToString(record.getBytes(StandardCharsets.UTF_8)) + "\",\"EventId\":\"1\"}\n");
          if (++written == wanted) {
            System.out.println(written + " records");
            return;
          }
        }
      }
    }
    System.out.println(written + " records (the whole corpus)");
  }

  private static BufferedWriter writer(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
  }
}
