// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.source.LocalFile;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import dev.trailwatch.testkit.SharedSamples;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader that meets something unexpected must neither hang the ingest nor cost other files. */
class ReaderFailureTest {
  private static final Duration WITHOUT_A_HANG = Duration.ofSeconds(60);
  @TempDir Path data;

  /** A file whose bytes break half-way with {@code failure}: a stand-in for a bug met on one file. */
  private static LogFile breaking(String name, Supplier<? extends Throwable> failure) throws IOException {
    return breaking(name, Files.readAllBytes(SharedSamples.file("aws-docs/aws-docs-examples.json")), failure);
  }

  private static LogFile breaking(String name, byte[] bytes, Supplier<? extends Throwable> failure) {
    return TestFiles.of(name, bytes.length, () -> new FilterInputStream(new ByteArrayInputStream(bytes)) {
      private int read;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (read > bytes.length / 2) {
          Throwable t = failure.get();
          if (t instanceof RuntimeException r) {
            throw r;
          }
          if (t instanceof IOException io) {
            throw io;
          }
          throw (Error) t;
        }
        int n = super.read(b, off, Math.min(len, 1000));
        read += Math.max(n, 0);
        return n;
      }
    });
  }

  private static LogFile sample(String name) throws IOException {
    Path p = SharedSamples.file(name);
    return new LocalFile(p, Files.size(p), Files.getLastModifiedTime(p).toInstant(), true, dev.trailwatch.source.LayoutSelection.everything());
  }

  @Test
  void aFileThatMeetsABugFailsAloneAndItsNeighboursAreKept() throws Exception {
    LogFile bad = breaking("bad.json", () -> new IllegalStateException("something unexpected"));
    List<LogFile> files = List.of(sample("cpl/SerializerTestFile.json"), bad, sample("otel/cloudtrail_log.json"));
    assertTimeoutPreemptively(WITHOUT_A_HANG, () -> { // the store is opened on the thread that appends to it
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        IngestReport report = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()).run(List.of(LogSource.of("t", files, false)), IngestListener.NONE);

        assertThat(report.failures()).singleElement().satisfies(f -> {
        assertThat(f.source()).isEqualTo("bad.json");
        assertThat(f.reason()).contains("something unexpected").contains("please report");
      });
      assertThat(report.filesRead()).isEqualTo(2);
      assertThat(store.countEvents()).isEqualTo(6 + 7); // nothing of the broken file's first half
      assertThat(store.latestFiles(files.stream().map(LogFile::source).toList())).containsOnlyKeys(files.get(0).source(), files.get(2).source());
      }
    });
  }

  @Test
  void aNetworkThatFailsInsideCompressedDataFailsTheFileInsteadOfPassingForBrokenData() throws Exception {
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
      for (int i = 0; i < 10; i++) {
        z.putNextEntry(new java.util.zip.ZipEntry("f" + i + ".json"));
        z.write(Files.readAllBytes(SharedSamples.file("aws-docs/aws-docs-examples.json")));
      }
    }
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      for (int i = 0; i < 10; i++) {
        out.write(Files.readAllBytes(SharedSamples.file("aws-docs/aws-docs-examples.json")));
      }
    }
    for (LogFile bad : List.of(breaking("case.zip", zip.toByteArray(), () -> new java.net.SocketException("Connection reset")),
        breaking("x.json.gz", gz.toByteArray(), () -> new java.net.SocketException("Connection reset")))) {
      failsAlone(bad);
    }
  }

  private void failsAlone(LogFile bad) {
    assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        IngestReport report = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()).run(List.of(LogSource.of("t", List.of(bad), false)), IngestListener.NONE);

        assertThat(report.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("Connection reset"));
        assertThat(report.problems()).isZero();
        assertThat(store.countEvents()).isZero(); // and not in the ledger: the next run reads it again
        assertThat(store.latestFiles(List.of(bad.source()))).isEmpty();
      }
    });
  }

  @Test
  void aReaderThatDiesEndsTheIngestWithItsCauseInsteadOfWaitingForever() throws Exception {
    LogFile bad = breaking("dies.json", () -> new AssertionError("a reader thread's Error"));
    List<LogSource> source = List.of(LogSource.of("t", List.of(bad, sample("otel/cloudtrail_log.json")), false));
    assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        IngestPipeline pipeline = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none());
        assertThatThrownBy(() -> pipeline.run(source, IngestListener.NONE))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("a reader thread failed")
            .hasMessageContaining("a reader thread's Error");
      }
    });
  }

  @Test
  void aReaderThatDiesAmongSeveralEndsTheIngestWhileTheOthersWaitForFiles() throws Exception {
    List<LogFile> files = new java.util.ArrayList<>();
    byte[] good = Files.readAllBytes(SharedSamples.file("otel/cloudtrail_log.json"));
    for (int i = 0; i < 6; i++) {
      files.add(TestFiles.of("good" + i + ".json", good.length, () -> new ByteArrayInputStream(good)));
    }
    files.add(breaking("dies.json", () -> new AssertionError("a reader thread's Error")));
    IngestOptions d = IngestOptions.defaults();
    IngestOptions fourReaders = new IngestOptions(4, d.batchSize(), d.queueCapacity(), d.commitEvents(), d.commitFiles());
    // The writer hung when it waited on a live reader's future before the dead one's: which reader takes the dying
    // file is up to the threads, so the run is repeated until that order is all but certain to have come up.
    for (int run = 0; run < 8; run++) {
      Path store = data.resolve("run-" + run);
      assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
        try (DuckDbEventStore s = DuckDbEventStore.open(store)) {
          IngestPipeline pipeline = new IngestPipeline(s, fourReaders, RuleEngine.none());
          assertThatThrownBy(() -> pipeline.run(List.of(LogSource.of("t", files, false)), IngestListener.NONE))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("a reader thread's Error");
        }
      }, "run " + run);
    }
  }

  @Test
  void aReaderOutOfHeapEndsTheIngestWithTheOutOfMemoryErrorItself() throws Exception {
    LogFile bad = breaking("big.json", () -> new OutOfMemoryError("Java heap space"));
    List<LogSource> source = List.of(LogSource.of("t", List.of(bad), false));
    assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        IngestPipeline pipeline = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none());
        // as it is, so that the command line says how to give Java more instead of "a reader thread failed"
        assertThatThrownBy(() -> pipeline.run(source, IngestListener.NONE)).isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
      }
    });
  }
}
