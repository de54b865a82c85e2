// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are read as the listing finds them: a listing of millions of files is never held whole. */
class StreamedListingTest {
  private static final Duration WITHOUT_A_HANG = Duration.ofSeconds(120);
  @TempDir Path data;

  private static byte[] record(String id) {
    return ("{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"" + id + "\",\"eventTime\":\"2026-11-02T10:00:00Z\","
        + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\",\"awsRegion\":\"us-east-1\","
        + "\"recipientAccountId\":\"111122223333\"}]}").getBytes(StandardCharsets.UTF_8);
  }

  /** A file of one event; {@code opened} counts its openings. */
  private static LogFile file(String name, AtomicInteger opened) {
    byte[] bytes = record(name);
    return TestFiles.of(name, bytes.length, () -> {
      opened.incrementAndGet();
      return new ByteArrayInputStream(bytes);
    });
  }

  /** What a test's source does when listed. */
  @FunctionalInterface
  private interface Lister {
    void list(LogSource.Sink sink) throws IOException, InterruptedException;
  }

  /** A source listed by {@code listing}, as a bucket's pages or a folder's walk are. */
  private static LogSource source(String name, Lister listing) {
    return new LogSource() {
      @Override
      public void list(Sink sink) throws IOException, InterruptedException {
        listing.list(sink);
      }

      @Override
      public String describe() {
        return name;
      }
    };
  }

  private static IngestReport ingest(DuckDbEventStore store, List<LogSource> sources) throws Exception {
    return new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()).run(sources, IngestListener.NONE);
  }

  @Test
  void readingStartsBeforeTheListingEnds() {
    CountDownLatch firstRead = new CountDownLatch(1);
    AtomicInteger opened = new AtomicInteger();
    LogSource slow = source("s3://slow/", sink -> {
      sink.accept(TestFiles.of("first.json", 10, () -> {
        firstRead.countDown();
        return new ByteArrayInputStream(record("first"));
      }));
      if (!firstRead.await(30, TimeUnit.SECONDS)) { // a listing held whole until its end never gets here in time
        throw new IOException("the first file was not read while the listing went on");
      }
      sink.accept(file("second.json", opened));
    });
    assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        IngestReport report = ingest(store, List.of(slow));
        assertThat(report.filesSeen()).isEqualTo(2);
        assertThat(report.filesRead()).isEqualTo(2);
        assertThat(store.countEvents()).isEqualTo(2);
      }
    });
  }

  @Test
  void aLongListingIsHeldAFewThousandFilesAtATime() {
    int files = 40_000;
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger mostWaiting = new AtomicInteger();
    LogSource many = source("s3://many/", sink -> {
      for (int i = 0; i < files; i++) {
        sink.accept(file("f" + i + ".json", opened));
        mostWaiting.accumulateAndGet(i + 1 - opened.get(), Math::max); // listed and not yet opened
      }
    });
    assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        IngestReport report = ingest(store, List.of(many));
        assertThat(report.filesRead()).isEqualTo(files);
        assertThat(store.countEvents()).isEqualTo(files);
      }
    });
    // the listing's queue, and what the readers have queued, at most one and a half of its size
    assertThat(mostWaiting.get()).isLessThanOrEqualTo(Listing.CAPACITY * 5 / 2 + 8).isGreaterThan(0);
  }

  @Test
  void aFileListedTwiceInOneRunIsReadOnce() {
    AtomicInteger opened = new AtomicInteger();
    LogFile a = file("a.json", opened);
    AtomicInteger otherOpened = new AtomicInteger();
    LogFile b = file("b.json", otherOpened);
    assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        IngestReport report = ingest(store, List.of(LogSource.of("one", List.of(a, b, a), false), LogSource.of("two", List.of(a), false)));
        assertThat(report.filesSeen()).isEqualTo(4);
        assertThat(report.filesRead()).isEqualTo(2);
        assertThat(report.filesUnchanged()).isEqualTo(2);
        assertThat(store.countEvents()).isEqualTo(2);
      }
    });
    assertThat(opened.get()).isEqualTo(1);
  }

  @Test
  void filesFromTheNetworkAreReadByThirtyTwoReadersAtOnce() {
    // each opening waits until 32 are open at once (10 s at most): requests across a network overlap that much
    CountDownLatch together = new CountDownLatch(32);
    AtomicInteger open = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<LogFile> files = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] bytes = record("n" + i);
      files.add(TestFiles.of("s3://trail/n" + i + ".json", bytes.length, () -> {
        most.accumulateAndGet(open.incrementAndGet(), Math::max);
        together.countDown();
        try {
          together.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        open.decrementAndGet();
        return new ByteArrayInputStream(bytes);
      }));
    }
    IngestReport report = assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        return ingest(store, List.of(LogSource.of("s3://trail/", files, true)));
      }
    });
    assertThat(report.filesRead()).isEqualTo(40);
    assertThat(most.get()).as("files being opened at once").isEqualTo(32);
  }

  @Test
  void manyReadersStillCommitOften() {
    // a commit holds whole files only; with 32 readers some file is nearly always half-added, and the first commit
    // came only once every file was read (all work lost to a kill, and an interrupted backfill had nothing left)
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger openedAtFirstCommit = new AtomicInteger(-1);
    List<LogFile> files = new java.util.ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      files.add(file("f" + i + ".json", opened));
    }
    IngestOptions d = IngestOptions.defaults();
    IngestOptions manyReaders = new IngestOptions(32, d.batchSize(), d.queueCapacity(), d.commitEvents(), 50);
    IngestListener firstCommit = new IngestListener() {
      @Override
      public void committed(CommittedFile file) {
        openedAtFirstCommit.compareAndSet(-1, opened.get());
      }
    };
    assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        new IngestPipeline(store, manyReaders, RuleEngine.none()).run(List.of(LogSource.of("t", files, false)), firstCommit);
        assertThat(store.countEvents()).isEqualTo(3_000);
      }
    });
    assertThat(openedAtFirstCommit.get()).as("files opened when the first commit came").isLessThan(1_000);
  }

  @Test
  void aSourceThatCannotBeListedDoesNotCostTheOthers() {
    LogSource broken = failingAfterOneFile("s3://denied/", new IOException("Access Denied"));
    LogSource good = LogSource.of("good", List.of(file("good.json", new AtomicInteger())), false);
    IngestReport report = assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        IngestReport r = ingest(store, List.of(broken, good));
        assertThat(store.countEvents()).as("both the file listed before the failure and the other source's").isEqualTo(2);
        return r;
      }
    });
    assertThat(report.filesRead()).isEqualTo(2);
    assertThat(report.unlisted()).as("in the report the summary prints")
        .containsExactly(new FileFailure("s3://denied/", "Access Denied"));
    assertThat(report.whole()).isFalse();
  }

  @Test
  void aListingThatRunsOutOfHeapEndsTheIngestInsteadOfPassingForWhole() {
    LogSource dying = failingAfterOneFile("/huge/folder", new OutOfMemoryError("Java heap space"));
    assertThat(storedAfterFailing(List.of(dying), OutOfMemoryError.class, "Java heap space")).as("what was listed is read and kept").isEqualTo(1);
  }

  /** A source whose listing hands over one file, then fails with {@code failure} (an IOException or an Error). */
  private static LogSource failingAfterOneFile(String name, Throwable failure) {
    return source(name, sink -> {
      sink.accept(file(name + "listed.json", new AtomicInteger()));
      if (failure instanceof IOException io) {
        throw io;
      }
      throw (Error) failure;
    });
  }

  /** Ingests {@code sources}, which must end with {@code failure} saying {@code message}; returns the events stored. */
  private long storedAfterFailing(List<LogSource> sources, Class<? extends Throwable> failure, String message) {
    return assertTimeoutPreemptively(WITHOUT_A_HANG, () -> {
      try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
        assertThatThrownBy(() -> ingest(store, sources)).isInstanceOf(failure).hasMessage(message);
        return store.countEvents();
      }
    });
  }
}
