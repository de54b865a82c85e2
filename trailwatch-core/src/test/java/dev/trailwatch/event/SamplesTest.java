// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Walks the table of ../shared/samples/README.md: every sample file gives exactly the documented outcome. */
class SamplesTest {
  private static final Path SAMPLES = Path.of(System.getProperty("trailwatch.shared", "../shared"), "samples");
  private final LogFileParser parser = new LogFileParser();

  record Row(String file, LogFormat format, String events, int problems) {
    @Override
    public String toString() {
      return file;
    }
  }

  static List<Row> table() throws IOException {
    try (InputStream in = SamplesTest.class.getResourceAsStream("samples-expected.csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split(","))
          .map(c -> new Row(c[0], LogFormat.valueOf(c[1]), c[2], Integer.parseInt(c[3])))
          .toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void givesTheDocumentedOutcome(Row row) throws IOException {
    ParseResult result = parser.parse(Files.readAllBytes(SAMPLES.resolve(row.file())));

    assertThat(result.format()).isEqualTo(row.format());
    assertThat(result.problems()).as("problems: %s", result.problems()).hasSize(row.problems());
    if (row.events().startsWith(">=")) {
      assertThat(result.events()).hasSizeGreaterThanOrEqualTo(Integer.parseInt(row.events().substring(2)));
    } else if (row.events().equals("after-error")) {
      long errorAt = result.problems().get(0).byteOffset();
      assertThat(result.problems().get(0).reason()).contains("invalid JSON");
      assertThat(result.events()).singleElement().satisfies(e -> {
        assertThat(e.eventName()).isEqualTo("eventName2");
        assertThat(e.location().offset()).isGreaterThanOrEqualTo(errorAt);
      });
    } else {
      assertThat(result.events()).hasSize(Integer.parseInt(row.events()));
    }
  }

  @Test
  void theTableCoversEverySampleFile() throws IOException {
    Set<String> listed = table().stream().map(Row::file).collect(Collectors.toSet());
    try (Stream<Path> files = Files.walk(SAMPLES)) {
      List<String> unlisted =
          files
              .filter(Files::isRegularFile)
              .map(p -> SAMPLES.relativize(p).toString())
              .filter(f -> f.endsWith(".json") || f.endsWith(".gz") || f.endsWith(".jsonl"))
              .filter(f -> !listed.contains(f))
              .toList();
      assertThat(unlisted).isEmpty();
    }
  }

  @Test
  void eachRecordsOriginalTextComesBackByteForByte() throws IOException {
    byte[] file = Files.readAllBytes(SAMPLES.resolve("cpl/SerializerTestFile.json"));
    for (CloudTrailEvent e : parser.parse(file).events()) {
      RecordLocation at = e.location();
      byte[] slice = java.util.Arrays.copyOfRange(file, (int) at.offset(), (int) at.offset() + at.length());
      assertThat(slice).isEqualTo(e.raw().bytes());
      assertThat(e.raw().text()).startsWith("{").endsWith("}");
    }
  }

  @Test
  void insightEventsAreKeptWithTheirType() throws IOException {
    ParseResult r = parser.parse(Files.readAllBytes(SAMPLES.resolve("otel/cloudtrail_log.json")));
    assertThat(r.events()).filteredOn(CloudTrailEvent::isInsight).hasSize(1);
    assertThat(r.events()).filteredOn(e -> !e.isInsight()).hasSize(6);
  }

  @Test
  void embeddedRecordsKeepTheirDecodedTextAndLocation() throws IOException {
    byte[] file = Files.readAllBytes(SAMPLES.resolve("plaso/aws_cloudtrail.jsonl"));
    ParseResult r = parser.parse(file);
    CloudTrailEvent first = r.events().get(0);
    assertThat(first.location().encoded()).isTrue();
    String literal = new String(file, (int) first.location().offset(), first.location().length(), StandardCharsets.UTF_8);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(literal, String.class)).isEqualTo(first.raw().text());
    assertThat(first.eventName()).isEqualTo("DescribeInstances");
  }
}
