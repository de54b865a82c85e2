// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile input never throws: it only produces problems, and good records are kept. */
class ParserFuzzTest {
  private static final Path SAMPLES = Path.of(System.getProperty("trailwatch.shared", "../shared"), "samples");
  private final LogFileParser parser = new LogFileParser();

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] junk = new byte[random.nextInt(4096)];
      random.nextBytes(junk);
      if (i % 3 == 0 && junk.length > 0) {
        junk[0] = '{'; // reach the JSON parser, not just the first-byte check
      }
      assertThatCode(() -> parser.parse(junk)).doesNotThrowAnyException();
    }
  }

  @Test
  void textsHoldingWholeFilesWithBytesChangedAreProblemsNotCrashes() throws IOException {
    String file = Files.readString(SAMPLES.resolve("cpl/SerializerTestFileCompact.json")).strip();
    String quoted = LogFileParserTest.quoted(file);
    String neighbour = LogFileParserTest.good("neighbour");
    Random random = new Random(7);
    String junk = "{}[]\\\",:x0 \n";
    for (int i = 0; i < 1_000; i++) {
      StringBuilder changed = new StringBuilder(quoted);
      for (int n = 1 + random.nextInt(3); n > 0; n--) { // inside the string, so that the document stays whole
        changed.setCharAt(1 + random.nextInt(changed.length() - 2), junk.charAt(random.nextInt(junk.length())));
      }
      String doc = "{\"_source\":{\"message\":" + changed + "}}\n" + neighbour + "\n";
      ParseResult r = parser.parse(doc.getBytes(StandardCharsets.UTF_8));
      assertThat(r.events()).as(doc).extracting(CloudTrailEvent::eventKey).contains("neighbour");
      for (CloudTrailEvent e : r.events()) {
        if (!e.eventKey().equals("neighbour")) { // each record kept comes back from the text it was found in
          String text = firstString(changed.toString());
          String account = e.recipientAccountId() == null ? "" : e.recipientAccountId();
          assertThat(EmbeddedRecord.originalIn(text, account, e.eventKey())).as(doc).isEqualTo(e.raw().text());
        }
      }
    }
  }

  @Test
  void firehoseBackupsWithTheirDataChangedAreProblemsNotCrashes() throws IOException {
    byte[] gz = LogFileParserTest.gzip(Files.readAllBytes(SAMPLES.resolve("cpl/SerializerTestFileCompact.json")));
    String neighbour = LogFileParserTest.good("neighbour");
    Random random = new Random(11);
    for (int i = 0; i < 1_000; i++) {
      byte[] changed = gz.clone();
      for (int n = 1 + random.nextInt(3); n > 0; n--) { // the compressed data broken, the base64 and the document whole
        changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
      }
      String doc = LogFileParserTest.firehoseBackupLine(changed) + "\n" + neighbour + "\n";
      ParseResult r = parser.parse(doc.getBytes(StandardCharsets.UTF_8));
      assertThat(r.events()).as(doc).extracting(CloudTrailEvent::eventKey).contains("neighbour");
      String text = java.util.Base64.getEncoder().encodeToString(changed);
      for (CloudTrailEvent e : r.events()) {
        if (!e.eventKey().equals("neighbour")) { // each record kept comes back from the data it was found in
          String account = e.recipientAccountId() == null ? "" : e.recipientAccountId();
          assertThat(EmbeddedRecord.originalIn(text, account, e.eventKey())).as(doc).isEqualTo(e.raw().text());
        }
      }
      if (r.events().size() == 1) {
        assertThat(r.problems()).as("data that held nothing readable says so").isNotEmpty();
      }
    }
  }

  /** The text of the JSON string {@code json} starts with, as the store decodes a record's slice. */
  private static String firstString(String json) throws IOException {
    try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(json)) {
      p.nextToken();
      return p.getText();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cpl/SerializerTestFileCompact.json", "filter-log-events output", "Logs Insights results", "Splunk results",
      "a search response", "a search response of Logstash documents", "a log group of EventBridge events",
      "Logstash documents of whole files", "a Loki query response", "Sumo Logic messages"})
  void jsonTruncatedAtEveryOffsetKeepsTheRecordsBeforeTheCut(String what) throws IOException {
    byte[] file = switch (what) {
      case "filter-log-events output" -> LogFileParserTest.cloudWatchLogsApiOutput("a", "b", "c").strip().getBytes(StandardCharsets.UTF_8);
      case "Logs Insights results" -> LogFileParserTest.insightsResults(LogFileParserTest.insightsRow("a"),
          LogFileParserTest.insightsRow("b"), LogFileParserTest.insightsRow("c")).strip().getBytes(StandardCharsets.UTF_8);
      case "Splunk results" -> ("{\"preview\":false,\"results\":[\n" + String.join(",\n", List.of("a", "b", "c").stream()
          .map(id -> "{\"_raw\":" + LogFileParserTest.quoted(LogFileParserTest.good(id)) + ",\"host\":\"h\"}").toList()) + "\n]}")
          .getBytes(StandardCharsets.UTF_8);
      case "a search response" -> ("{\n  \"hits\" : {\n    \"hits\" : [\n" + String.join(",\n", List.of("a", "b", "c").stream()
          .map(id -> "      {\"_id\" : \"" + id + "\", \"_source\" : " + LogFileParserTest.good(id) + "}").toList()) + "\n    ]\n  }\n}")
          .getBytes(StandardCharsets.UTF_8);
      case "a search response of Logstash documents" -> ("{\"hits\":{\"hits\":[\n" + String.join(",\n", List.of("a", "b", "c").stream()
          .map(id -> "{\"_id\":\"" + id + "\",\"_source\":{\"@version\":\"1\",\"message\":" + LogFileParserTest.quoted(LogFileParserTest.good(id))
              + ",\"host\":\"h\"}}").toList()) + "\n]}}").getBytes(StandardCharsets.UTF_8);
      case "a log group of EventBridge events" -> ("{\"events\":[\n" + String.join(",\n", List.of("a", "b", "c").stream()
          .map(id -> "{\"timestamp\":1,\"message\":" + LogFileParserTest.quoted(LogFileParserTest.eventBridgeEvent(LogFileParserTest.good(id))) + "}")
          .toList()) + "\n]}").getBytes(StandardCharsets.UTF_8);
      case "Sumo Logic messages" -> LogFileParserTest.sumoMessages(LogFileParserTest.good("a"), LogFileParserTest.good("b"), LogFileParserTest.good("c"))
          .getBytes(StandardCharsets.UTF_8);
      case "a Loki query response" -> LogFileParserTest.lokiResponse(List.of(List.of(LogFileParserTest.good("a"), LogFileParserTest.good("b")),
          List.of(LogFileParserTest.good("c")))).getBytes(StandardCharsets.UTF_8);
      case "Logstash documents of whole files" -> ("{\"hits\":{\"hits\":[\n" + String.join(",\n", List.of("a", "b", "c").stream()
          .map(id -> "{\"_source\":{\"message\":" + LogFileParserTest.quoted("{\"Records\":[" + LogFileParserTest.good(id + "1") + ","
              + LogFileParserTest.good(id + "2") + "]}") + "}}").toList()) + "\n]}}").getBytes(StandardCharsets.UTF_8);
      default -> Files.readAllBytes(SAMPLES.resolve(what));
    };
    ParseResult whole = parser.parse(file);
    for (int cut = 0; cut < file.length; cut++) {
      ParseResult r = parser.parse(Arrays.copyOf(file, cut));
      long complete = countEndingBefore(whole, cut);
      assertThat(r.events()).as("cut at %d", cut).hasSizeGreaterThanOrEqualTo((int) complete);
      if (cut > 0) {
        assertThat(r.problems()).as("cut at %d", cut).isNotEmpty();
      }
      for (CloudTrailEvent e : r.events()) {
        assertThat(whole.events()).extracting(CloudTrailEvent::eventKey).contains(e.eventKey());
      }
    }
  }

  @ParameterizedTest(name = "records one a line as {0}")
  @ValueSource(strings = {"records", "lookup-events objects", "EventBridge events", "Splunk export lines", "index dump lines", "Elastic documents",
      "logcli lines", "Logstash's json_lines", "Filebeat's file output", "a _bulk body",
      "Cribl's events", "HEC events", "HEC events as text", "a Datadog archive",
      "Firehose backups"})
  void aJsonLinesFileBrokenAtAnyByteOfOneLineKeepsEveryOtherLine(String as) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String record = LogFileParserTest.good("r" + i);
      lines.add(switch (as) {
        case "records" -> record;
        case "lookup-events objects" -> "{\"EventId\":\"r" + i + "\",\"CloudTrailEvent\":" + LogFileParserTest.quoted(record) + "}";
        case "Splunk export lines" -> LogFileParserTest.splunkExportLine("r" + i);
        case "index dump lines" -> LogFileParserTest.indexDumpLine("r" + i);
        case "Elastic documents" -> LogFileParserTest.elasticDocumentLine("r" + i);
        case "logcli lines" -> LogFileParserTest.logcliLine(record);
        case "Logstash's json_lines" -> LogFileParserTest.logstashLine(record);
        case "Filebeat's file output" -> LogFileParserTest.filebeatLine(record);
        case "Cribl's events" -> LogFileParserTest.criblLine(record);
        case "Firehose backups" -> LogFileParserTest.firehoseBackupLine(record.getBytes(StandardCharsets.UTF_8));
        case "a Datadog archive" -> LogFileParserTest.datadogArchiveLine(record);
        case "HEC events" -> LogFileParserTest.hecEvent(record, false);
        case "HEC events as text" -> LogFileParserTest.hecEvent(record, true);
        case "a _bulk body" -> "{\"index\":{\"_index\":\"ct\"}}\n" + record; // the action line and its document, broken anywhere
        default -> "{\"version\":\"0\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":" + record + "}";
      });
    }
    for (int broken = 0; broken < lines.size(); broken++) {
      String line = lines.get(broken);
      for (int at = 0; at <= line.length(); at++) {
        for (String junk : new String[] {"x", "\"", "}", "{", ":", "CUT"}) {
          if (junk.equals("CUT") && at == 0) {
            continue; // a blank line is no record at all
          }
          List<String> copy = new ArrayList<>(lines);
          copy.set(broken, junk.equals("CUT") ? line.substring(0, at) : line.substring(0, at) + junk + line.substring(at)); // CUT: the line ends early
          ParseResult r = parser.parse((String.join("\n", copy) + "\n").getBytes(StandardCharsets.UTF_8));
          String what = "line " + broken + " as " + copy.get(broken);
          for (int other = 0; other < lines.size(); other++) {
            String key = "r" + other;
            if (other != broken) {
              var kept = assertThat(r.events()).as(what).filteredOn(e -> e.eventKey().equals(key)).singleElement();
              if (!as.equals("a _bulk body")) { // there a broken action line is a problem of its own, which counts
                kept.extracting(e -> e.location().recordIndex()).isEqualTo(other);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void gzipTruncatedAnywhereIsAProblemNotACrash() throws IOException {
    byte[] gz = Files.readAllBytes(SAMPLES.resolve("cpl/SerializerTestFileCompact.json.gz"));
    for (int cut = 3; cut < gz.length; cut += 7) {
      ParseResult r = parser.parse(Arrays.copyOf(gz, cut));
      assertThat(r.problems()).as("cut at %d", cut).isNotEmpty();
      assertThat(r.events().size()).isLessThanOrEqualTo(6);
    }
  }

  @Test
  void tenThousandDeepNestingIsAProblem() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String inRecord = "{\"Records\":[" + LogFileParserTest.good("a") + ",{\"eventVersion\":\"1.0\",\"x\":" + deep + "}," + LogFileParserTest.good("b") + "]}";
    ParseResult r = parser.parse(inRecord.getBytes(StandardCharsets.UTF_8));
    assertThat(r.problems()).isNotEmpty();
    assertThat(r.problems().get(0).reason()).containsIgnoringCase("nesting");
    assertThat(r.events()).extracting(CloudTrailEvent::eventKey).contains("a");
  }

  @Test
  void invalidUtf8InATypedFieldIsAProblemAndNeighboursSurvive() {
    byte[] good1 = ("{\"Records\":[" + LogFileParserTest.good("a") + ",{\"eventVersion\":\"1.0\",\"eventName\":\"").getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
    byte[] rest = ("\"}," + LogFileParserTest.good("b") + "]}").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[good1.length + bad.length + rest.length];
    System.arraycopy(good1, 0, all, 0, good1.length);
    System.arraycopy(bad, 0, all, good1.length, bad.length);
    System.arraycopy(rest, 0, all, good1.length + bad.length, rest.length);

    ParseResult r = parser.parse(all);

    assertThat(r.problems()).isNotEmpty();
    assertThat(r.events()).extracting(CloudTrailEvent::eventKey).contains("a", "b");
  }

  private static long countEndingBefore(ParseResult whole, int cut) {
    return whole.events().stream().filter(e -> e.location().offset() + e.location().length() <= cut - 2).count();
  }
}
