// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileContentTest {
  private static final Path SAMPLES = Path.of(System.getProperty("trailwatch.shared", "../shared"), "samples");
  private final LogFileParser parser = new LogFileParser();

  /** What a reader keeps of a file: each record's key and original text, and the problems. */
  private List<String> read(byte[] file) {
    ParseResult r = parser.parse(file);
    assertThat(r.problems()).isEmpty();
    return r.events().stream().map(e -> e.eventKey() + " " + e.eventName() + " " + e.raw().text()).toList();
  }

  private static byte[] encode(String text, String charset, boolean mark) {
    byte[] bom = mark ? "\uFEFF".getBytes(Charset.forName(charset)) : new byte[0];
    byte[] body = text.getBytes(Charset.forName(charset));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bom);
    out.writeBytes(body);
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0} in {1}, byte order mark {2}, gzip {3}")
  @CsvSource({
    "aws-docs/aws-docs-examples.json, UTF-16LE, true,  false",
    "aws-docs/aws-docs-examples.json, UTF-16BE, true,  false",
    "aws-docs/aws-docs-examples.json, UTF-16LE, false, false",
    "aws-docs/aws-docs-examples.json, UTF-16BE, false, false",
    "aws-docs/aws-docs-examples.json, UTF-32LE, true,  false",
    "aws-docs/aws-docs-examples.json, UTF-32BE, false, false",
    "aws-docs/aws-docs-examples.json, UTF-16LE, true,  true",
    "aws-docs/aws-docs-examples.json, UTF-8,    true,  false",
    "plaso/aws_cloudtrail.jsonl,      UTF-16LE, true,  false",
    "otel/cloudtrail_log_cw.json,     UTF-16BE, true,  true",
  })
  void wideTextReadsAsItsUtf8Original(String sample, String charset, boolean mark, boolean gzip) throws IOException {
    byte[] utf8 = Files.readAllBytes(SAMPLES.resolve(sample));
    byte[] other = encode(new String(utf8, StandardCharsets.UTF_8), charset, mark);
    if (gzip) {
      other = LogFileParserTest.gzip(other);
    }
    List<String> expected = read(utf8);

    assertThat(expected).isNotEmpty();
    assertThat(read(other)).isEqualTo(expected);
    assertThat(FileContent.worthReading(new BufferedInputStream(new ByteArrayInputStream(other)))).isTrue();
  }

  @ParameterizedTest(name = "[{0}] is JSON: {1}")
  @CsvSource({
    "'plain text, not a log', false",
    "'   \t\n [1,2]', true",
    "'\uFEFF{\"Records\":[]}', true",
    "'', false",
  })
  void aFolderReadsOnlyWhatLooksLikeJson(String text, boolean json) throws IOException {
    for (String charset : List.of("UTF-8", "UTF-16LE", "UTF-16BE")) {
      byte[] bytes = text.getBytes(Charset.forName(charset));
      assertThat(FileContent.worthReading(new BufferedInputStream(new ByteArrayInputStream(bytes)))).as(charset).isEqualTo(json);
    }
  }

  @Test
  void charactersBeyondOneByteAndPairsSurviveTranscodingAcrossBuffers() throws IOException {
    String pair = "\uD83D\uDE00";
    for (String text : List.of("{\"a\":\"" + pair + " \u00E9\"}", "a".repeat(8191) + pair + "b", pair.repeat(10_000), "")) {
      for (String charset : List.of("UTF-16LE", "UTF-32BE")) {
        byte[] wide = encode(text.isEmpty() ? "{}" : text, charset, true);
        byte[] back = FileContent.decode(new ByteArrayInputStream(wide)).readAllBytes();
        assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo(text.isEmpty() ? "{}" : text);
      }
    }
  }

  @Test
  void everyMemberOfAConcatenatedGzipIsReadFromAStreamThatHasNothingAvailable() throws IOException {
    byte[] first = LogFileParserTest.gzip(Files.readAllBytes(SAMPLES.resolve("cpl/SerializerTestFile.json")));
    byte[] second = LogFileParserTest.gzip(Files.readAllBytes(SAMPLES.resolve("otel/cloudtrail_log.json")));
    ByteArrayOutputStream both = new ByteArrayOutputStream(); // cat a.gz b.gz
    both.writeBytes(first);
    both.writeBytes(second);
    InputStream network = new java.io.FilterInputStream(new ByteArrayInputStream(both.toByteArray())) {
      @Override
      public int available() {
        return 0; // as a pipe or a socket whose next bytes have not arrived yet
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 100)); // and in small pieces
      }
    };
    List<String> events = new ArrayList<>();
    List<ParseProblem> problems = new ArrayList<>();
    parser.parse(network, RecordSink.of(event -> events.add(event.eventKey()), problems::add));

    assertThat(problems).isEmpty();
    assertThat(events).hasSize(6 + 7);
  }

  @Test
  void aCloudWatchLogsExportReadsAsJsonLinesWithEachRecordWhereItIs() throws IOException {
    StringBuilder export = new StringBuilder();
    String[] times = {"2026-11-02T10:00:00.000Z", "2026-11-02T10:00:01Z", "2026-11-02T10:00:02.123456789Z"};
    int n = 3000; // far more than one 64 KiB read, so that line starts fall at every place of a read's end
    for (int i = 0; i < n; i++) {
      export.append(times[i % 3]).append(' ').append(LogFileParserTest.good("r" + i + "-" + "x".repeat(i % 37))).append('\n');
    }
    byte[] file = export.toString().getBytes(StandardCharsets.UTF_8);

    for (byte[] delivered : List.of(file, LogFileParserTest.gzip(file))) {
      ParseResult r = parser.parse(delivered);
      assertThat(r.problems()).isEmpty();
      assertThat(r.events()).hasSize(n);
      for (CloudTrailEvent e : r.events()) { // each record's bytes are where the file has them
        RecordLocation at = e.location();
        assertThat(new String(file, (int) at.offset(), at.length(), StandardCharsets.UTF_8)).isEqualTo(e.raw().text()).startsWith("{\"eventVersion\"");
      }
      assertThat(r.events().get(n - 1).eventKey()).startsWith("r" + (n - 1) + "-");
    }
    assertThat(FileContent.worthReading(new BufferedInputStream(new ByteArrayInputStream(file)))).isTrue();
    byte[] notAnExport = "2026-11-02T10:00:00Z and then some words\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FileContent.worthReading(new BufferedInputStream(new ByteArrayInputStream(notAnExport)))).isFalse();
    byte[] csvOfRecords = "\"@timestamp\",\"@message\"\n2026-11-02,\"{}\"\n".getBytes(StandardCharsets.UTF_8);
    byte[] csvOfSomethingElse = "@timestamp,eventName\n2026-11-02,GetCallerIdentity\n".getBytes(StandardCharsets.UTF_8);
    assertThat(FileContent.worthReading(new BufferedInputStream(new ByteArrayInputStream(csvOfRecords)))).isTrue();
    assertThat(FileContent.worthReading(new BufferedInputStream(new ByteArrayInputStream(csvOfSomethingElse)))).isFalse();
  }

  @Test
  void archivesTooDeepOrCutShortAreNamedWithWhatToDo() throws IOException {
    byte[] sevenZ = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4};
    byte[] xz = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 4};
    byte[] deep = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 4; i++) {
      deep = zip("level" + i + (i == 0 ? ".json" : ".zip"), deep);
    }

    assertThat(onlyProblem(sevenZ)).startsWith("not a 7z archive that can be opened: "); // read now: these are cut short
    assertThat(onlyProblem(xz)).isEqualTo("not a valid xz file: it ends inside its header");
    assertThat(onlyProblem(zip("case.7z", sevenZ))).startsWith("case.7z: not a 7z archive that can be opened: ");
    assertThat(onlyProblem(deep)).startsWith("level3.zip/level2.zip/level1.zip: an archive inside archives 3 deep");
    for (byte[] mayHoldLogs : List.of(sevenZ, xz)) { // found in a folder: read, to be named
      assertThat(FileContent.worthReading(new BufferedInputStream(new ByteArrayInputStream(mayHoldLogs)))).isTrue();
    }
  }

  private static byte[] zip(String name, byte[] content) throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
      z.putNextEntry(new java.util.zip.ZipEntry(name));
      z.write(content);
    }
    return zip.toByteArray();
  }

  private String onlyProblem(byte[] file) {
    ParseResult r = parser.parse(file);
    assertThat(r.events()).isEmpty();
    assertThat(r.problems()).hasSize(1);
    return r.problems().get(0).reason();
  }
}
