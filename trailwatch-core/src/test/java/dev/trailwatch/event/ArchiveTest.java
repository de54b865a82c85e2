// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;

/** Logs handed over as an archive are read as the folder they were made from would be. */
class ArchiveTest {
  private static final Path SAMPLES = Path.of(System.getProperty("trailwatch.shared", "../shared"), "samples");
  private final LogFileParser parser = new LogFileParser();

  /** A few sample files as an archive would hold them, gzipped as CloudTrail delivers them, with a README. */
  private static Map<String, byte[]> files() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("README.txt", "Logs for case 4711.".getBytes(StandardCharsets.UTF_8));
    files.put("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/a.json.gz",
        LogFileParserTest.gzip(Files.readAllBytes(SAMPLES.resolve("cpl/SerializerTestFile.json"))));
    files.put("AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/broken.json",
        Files.readAllBytes(SAMPLES.resolve("cpl/SerializerTestFileBadJsonFormat.json")));
    files.put("AWSLogs/111122223333/CloudTrail/eu-west-1/2024/01/02/b.json", Files.readAllBytes(SAMPLES.resolve("otel/cloudtrail_log.json")));
    files.put("exports/lookup.jsonl", Files.readAllBytes(SAMPLES.resolve("plaso/aws_cloudtrail.jsonl")));
    return files;
  }

  private static byte[] zip(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("AWSLogs/"));
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
      }
    }
    return out.toByteArray();
  }

  private static byte[] tarGz(Map<String, byte[]> files) throws IOException {
    return LogFileParserTest.gzip(tar(files));
  }

  private static byte[] tar(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] bzip2(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
      bz.write(plain);
    }
    return out.toByteArray();
  }

  /** Each file read on its own, as a folder walk reads them. */
  private List<String> oneByOne(Map<String, byte[]> files) {
    return files.values().stream().flatMap(b -> parser.parse(b).events().stream()).map(e -> e.eventKey() + " " + e.raw().text()).toList();
  }

  @Test
  void zipTarGzBzip2AndAZipInAZipYieldEveryFilesRecordsAndNameTheBrokenOne() throws IOException {
    Map<String, byte[]> files = files();
    List<String> expected = oneByOne(files);
    Map<String, byte[]> nested = new LinkedHashMap<>(Map.of("inner.zip", zip(files)));

    for (byte[] archive : List.of(zip(files), tarGz(files), bzip2(tar(files)), zip(nested))) {
      ParseResult r = parser.parse(archive);

      assertThat(r.events().stream().map(e -> e.eventKey() + " " + e.raw().text()).toList()).isEqualTo(expected);
      assertThat(r.problems()).singleElement().satisfies(p -> {
        assertThat(p.reason()).matches("(inner.zip/)?AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/broken.json: invalid JSON.*");
        assertThat(p.byteOffset()).isEqualTo(1293); // where in that file, as when it is read on its own
      });
    }
  }

  @Test
  void eachRecordIsCutFromTheArchivesSequenceWhereTheParserSaysItIs() throws IOException {
    Map<String, byte[]> nested = new LinkedHashMap<>(files());
    nested.put("more/inner.zip", zip(files()));
    nested.put("last.json", Files.readAllBytes(SAMPLES.resolve("otel/cloudtrail_log_cw.json")));
    byte[] archive = zip(nested);
    byte[] sequence = FileContent.decode(new ByteArrayInputStream(archive)).readAllBytes();

    List<CloudTrailEvent> events = parser.parse(archive).events();
    assertThat(events).hasSize(2 * (6 + 7 + 6 + 1) + 1); // the broken file's records before its break are kept
    for (CloudTrailEvent e : events) {
      RecordLocation at = e.location();
      byte[] cut = java.util.Arrays.copyOfRange(sequence, (int) at.offset(), (int) at.offset() + at.length());
      String text = new String(cut, StandardCharsets.UTF_8);
      assertThat(at.encoded() ? new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, String.class) : text).isEqualTo(e.raw().text());
    }
  }

  @Test
  void aTruncatedArchiveKeepsTheFilesBeforeTheBreakAndSaysWhere() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) { // stored uncompressed in the gzip's middle: cutting the archive cuts a file
      files.put("f" + i + ".json", Files.readAllBytes(SAMPLES.resolve("aws-docs/aws-docs-examples.json")));
    }
    for (byte[] whole : List.of(zip(files), tarGz(files))) {
      ParseResult r = parser.parse(java.util.Arrays.copyOf(whole, whole.length / 2));

      assertThat(r.format()).isEqualTo(LogFormat.ARCHIVE);
      assertThat(r.events().size()).isGreaterThanOrEqualTo(24).isLessThan(24 * 20);
      assertThat(r.problems()).isNotEmpty().last().satisfies(p -> assertThat(p.reason()).startsWith("the archive breaks off after f"));
    }
  }

  @Test
  void corruptCompressedDataAndBrokenArchivesAreProblemsNotFailures() throws IOException {
    java.util.Random random = new java.util.Random(42);
    byte[] noise = new byte[5000];
    random.nextBytes(noise);
    byte[] tarHeader = new byte[512];
    System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tarHeader, 257, 5);
    for (byte[] magic : List.of("BZh9".getBytes(StandardCharsets.US_ASCII), new byte[] {'P', 'K', 3, 4}, tarHeader)) {
      byte[] file = java.util.Arrays.copyOf(magic, magic.length + noise.length);
      System.arraycopy(noise, 0, file, magic.length, noise.length);

      ParseResult r = parser.parse(file); // no exception: the file is bad, not the disk

      assertThat(r.events()).isEmpty();
      assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).matches("(corrupt data|the archive breaks off after its start): .+"));
    }
  }

  @Test
  void aBzip2FileIsRead() throws IOException {
    byte[] plain = Files.readAllBytes(SAMPLES.resolve("aws-docs/aws-docs-examples.json"));
    assertThat(parser.parse(bzip2(plain)).events()).hasSize(24);
  }
}
