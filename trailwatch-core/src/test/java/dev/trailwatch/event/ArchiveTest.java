// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
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
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
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

  private static byte[] sevenZ(Map<String, byte[]> files) throws IOException {
    SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
    try (SevenZOutputFile sevenZ = new SevenZOutputFile(channel)) {
      SevenZArchiveEntry folder = new SevenZArchiveEntry();
      folder.setName("AWSLogs");
      folder.setDirectory(true);
      sevenZ.putArchiveEntry(folder);
      sevenZ.closeArchiveEntry();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        SevenZArchiveEntry e = new SevenZArchiveEntry();
        e.setName(f.getKey());
        sevenZ.putArchiveEntry(e);
        sevenZ.write(f.getValue());
        sevenZ.closeArchiveEntry();
      }
    }
    return java.util.Arrays.copyOf(channel.array(), (int) channel.size());
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

  /** A compressing stream over another. */
  private interface Compression {
    java.io.OutputStream over(java.io.OutputStream out) throws IOException;
  }

  private static byte[] compressed(byte[] plain, Compression compression) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.io.OutputStream c = compression.over(out)) {
      c.write(plain);
    }
    return out.toByteArray();
  }

  private static byte[] bzip2(byte[] plain) throws IOException {
    return compressed(plain, BZip2CompressorOutputStream::new);
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

    Map<String, byte[]> sevenZInZip = new LinkedHashMap<>(Map.of("inner.zip", sevenZ(files)));
    for (byte[] archive : List.of(zip(files), tarGz(files), bzip2(tar(files)), xz(tar(files)), zstd(tar(files)), sevenZ(files), zip(nested), zip(sevenZInZip))) {
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
    nested.put("more/inner.7z", sevenZ(files()));
    nested.put("bad-header.json.gz", new byte[] {0x1F, (byte) 0x8B, 8}); // no place in the sequence
    nested.put("last.json", Files.readAllBytes(SAMPLES.resolve("otel/cloudtrail_log_cw.json")));
    byte[] archive = zip(nested);
    byte[] sequence = FileContent.decode(new ByteArrayInputStream(archive)).readAllBytes();

    List<CloudTrailEvent> events = parser.parse(archive).events();
    assertThat(events).hasSize(3 * (6 + 7 + 6 + 1) + 1); // the broken file's records before its break are kept
    for (CloudTrailEvent e : events) {
      RecordLocation at = e.location();
      byte[] cut = java.util.Arrays.copyOfRange(sequence, (int) at.offset(), (int) at.offset() + at.length());
      String text = new String(cut, StandardCharsets.UTF_8);
      assertThat(at.encoded() ? new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, String.class) : text).isEqualTo(e.raw().text());
    }
  }

  @Test
  void aFileWithABrokenHeaderCostsOnlyItselfAndTheArchiveReadsOn() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.json.gz", new byte[] {0x1F, (byte) 0x8B, 8, 0});
    files.put("b.json.xz", new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 9, 9, 9, 9, 9, 9});
    files.put("c.json", Files.readAllBytes(SAMPLES.resolve("otel/cloudtrail_log.json")));
    for (byte[] archive : List.of(zip(files), tarGz(files))) {
      ParseResult r = parser.parse(archive);
      assertThat(r.events()).hasSize(7);
      assertThat(r.problems()).extracting(ParseProblem::reason)
          .containsExactly("a.json.gz: not a valid gzip file: it ends inside its header", "b.json.xz: not a valid xz file: XZ Stream Header is corrupt");
    }
  }

  @Test
  void filesTheCallerLeavesOutAreCountedAndTheRestKeepTheirPlaceInTheSequence() throws IOException {
    Map<String, byte[]> nested = new LinkedHashMap<>(files());
    nested.put("more/inner.zip", zip(files()));
    byte[] archive = zip(nested);
    byte[] sequence = FileContent.decode(new ByteArrayInputStream(archive)).readAllBytes();
    List<CloudTrailEvent> events = new java.util.ArrayList<>();
    ParseSummary s = parser.parse(new ByteArrayInputStream(archive), RecordSink.of(events::add, problem -> {}),
        name -> !name.contains("us-east-1")); // a.json.gz and broken.json, in the archive and in the one inside it

    assertThat(s.filesPassedOver()).isEqualTo(4);
    assertThat(events).hasSize(2 * (7 + 6)); // b.json's and lookup.jsonl's, twice
    for (CloudTrailEvent e : events) { // still where the store finds them
      RecordLocation at = e.location();
      String text = new String(java.util.Arrays.copyOfRange(sequence, (int) at.offset(), (int) at.offset() + at.length()), StandardCharsets.UTF_8);
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
      assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).matches("(not a valid bzip2 file|corrupt data|the archive breaks off after its start): .+"));
    }
  }

  private static byte[] xz(byte[] plain) throws IOException {
    return compressed(plain, XZCompressorOutputStream::new);
  }

  private static byte[] zstd(byte[] plain) throws IOException {
    return compressed(plain, ZstdOutputStream::new);
  }

  private static byte[] resource(String name) throws IOException {
    try (java.io.InputStream in = ArchiveTest.class.getResourceAsStream("/compressed/" + name)) {
      return java.util.Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Test
  void bzip2XzAndZstdFilesAreReadWithEveryFrame() throws IOException {
    byte[] docs = Files.readAllBytes(SAMPLES.resolve("aws-docs/aws-docs-examples.json"));
    List<String> expected = parser.parse(docs).events().stream().map(e -> e.raw().text()).toList();
    for (byte[] file : List.of(bzip2(docs), xz(docs), zstd(docs), resource("docs.json.xz"), resource("docs.json.zst"), resource("long27.json.zst"))) {
      ParseResult r = parser.parse(file);
      assertThat(r.problems()).isEmpty();
      assertThat(r.events()).extracting(e -> e.raw().text()).isEqualTo(expected);
    }
    // cat a.xz b.xz, cat a.zst b.zst: every stream or frame is read
    for (byte[] two : List.of(resource("two-streams.json.xz"), resource("two-frames.json.zst"), concat(zstd(docs), zstd(docs)), concat(xz(docs), xz(docs)))) {
      ParseResult r = parser.parse(two);
      assertThat(r.problems()).isEmpty();
      assertThat(r.events().size()).isIn(7 + 1, 2 * 24);
    }
  }

  @Test
  void anXzOr7zDictionaryOverTheMemoryAllowedIsNamedWithWhatToDo() throws IOException {
    assertThat(parser.parse(resource("dict200.json.xz")).problems()).singleElement().extracting(ParseProblem::reason)
        .isEqualTo("xz-compressed with a dictionary that needs more than 100 MiB, more memory than Trailwatch allows itself: decompress it (xz -d) and ingest the result");
    assertThat(parser.parse(zip(Map.of("case.7z", resource("dict128.7z")))).problems()).singleElement().extracting(ParseProblem::reason)
        .isEqualTo("case.7z: a 7z archive packed with a dictionary that needs more than 100 MiB, more memory than Trailwatch allows itself: unpack it (7z x) and ingest the folder");
  }

  @Test
  void aZstdWindowOverWhatZstdAllowsByDefaultIsNamedWithWhatToDo() throws IOException {
    ParseResult r = parser.parse(resource("long30.json.zst"));
    assertThat(r.events()).isEmpty();
    assertThat(r.problems()).singleElement().extracting(ParseProblem::reason).asString()
        .startsWith("zstd-compressed with a window over 128 MiB (zstd --long=28 or more)").endsWith("decompress it (zstd -d --long=31) and ingest the result");
    ParseResult inZip = parser.parse(zip(Map.of("big-window.json.zst", resource("long30.json.zst"), "b.json", Files.readAllBytes(SAMPLES.resolve("otel/cloudtrail_log.json")))));
    assertThat(inZip.events()).hasSize(7);
    assertThat(inZip.problems()).singleElement().extracting(ParseProblem::reason).asString().startsWith("big-window.json.zst: zstd-compressed with a window over 128 MiB");
  }

  @Test
  void dataCompressedAgainIsReadAsOften() throws IOException {
    byte[] docs = Files.readAllBytes(SAMPLES.resolve("aws-docs/aws-docs-examples.json"));
    // Firehose compressing what a CloudWatch Logs subscription gzipped already, and other stacks of compressions
    for (byte[] file : List.of(LogFileParserTest.gzip(LogFileParserTest.gzip(docs)), zstd(bzip2(xz(docs))), LogFileParserTest.gzip(zip(Map.of("a.json", docs))))) {
      assertThat(parser.parse(file).events()).hasSize(24);
    }
    // Exactly what Firehose with GZIP writes for a CloudWatch Logs subscription: a gzip of gzip members, one a batch
    String envelope1 = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"message\":" + LogFileParserTest.quoted(LogFileParserTest.good("a")) + "}]}";
    String envelope2 = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"2\",\"message\":" + LogFileParserTest.quoted(LogFileParserTest.good("b")) + "}]}";
    byte[] firehose = LogFileParserTest.gzip(concat(LogFileParserTest.gzip(envelope1.getBytes(StandardCharsets.UTF_8)),
        LogFileParserTest.gzip(envelope2.getBytes(StandardCharsets.UTF_8))));
    ParseResult delivered = parser.parse(firehose); // the inner members are read to the last: nothing is "available" of them
    assertThat(delivered.problems()).isEmpty();
    assertThat(delivered.events()).extracting(CloudTrailEvent::eventKey).containsExactly("a", "b");
    byte[] fourTimes = LogFileParserTest.gzip(LogFileParserTest.gzip(LogFileParserTest.gzip(LogFileParserTest.gzip(docs))));
    assertThat(parser.parse(fourTimes).problems()).singleElement().extracting(ParseProblem::reason).asString()
        .startsWith("compressed more than 3 times over");
  }

  @Test
  void brokenXzAndZstdDataAreProblemsNotFailures() throws IOException {
    byte[] docs = Files.readAllBytes(SAMPLES.resolve("aws-docs/aws-docs-examples.json"));
    java.util.Random random = new java.util.Random(7);
    for (byte[] whole : List.of(xz(docs), zstd(docs), resource("docs.json.zst"))) {
      for (int cut = 1; cut < whole.length; cut += 97) {
        ParseResult r = parser.parse(java.util.Arrays.copyOf(whole, cut)); // truncated: no exception
        assertThat(r.problems()).as("cut at %d", cut).isNotEmpty();
      }
      for (int i = 0; i < 50; i++) {
        byte[] flipped = whole.clone();
        int at = 6 + random.nextInt(whole.length - 6);
        flipped[at] ^= (byte) (1 + random.nextInt(255));
        ParseResult r = parser.parse(flipped); // corrupt: no exception, and the file is not passed over in silence
        assertThat(r.events().size() + r.problems().size()).as("byte %d changed", at).isPositive();
      }
    }
  }
}
