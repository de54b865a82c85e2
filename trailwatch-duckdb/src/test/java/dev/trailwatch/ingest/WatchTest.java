// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.source.Notification;
import dev.trailwatch.source.NotificationSource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import dev.trailwatch.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watch keeps going when a source fails, reads what lands later, and stops gracefully with everything committed. */
class WatchTest {
  @TempDir Path tmp;

  private static String record(String id) {
    return "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"" + id + "\",\"eventTime\":\"2026-11-02T10:00:00Z\","
        + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\",\"recipientAccountId\":\"111122223333\"}]}";
  }

  @Test
  void aFailingSourceIsReportedAndRetriedWhileTheOthersAreRead() throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    AtomicInteger attempts = new AtomicInteger();
    LogSource broken = new LogSource() {
      @Override
      public void list(Sink sink) throws IOException {
        attempts.incrementAndGet();
        throw new IOException("bucket unreachable");
      }

      @Override
      public String describe() {
        return "s3://unreachable/";
      }
    };
    List<String> said = new CopyOnWriteArrayList<>();
    Path data = tmp.resolve("data");
    Watch watch = new Watch(() -> DuckDbEventStore.open(data), List.of(broken, new LocalDirectorySource(logs)), List.of(), RuleEngine.none(),
        IngestOptions.defaults(), Duration.ofMillis(100), said::add).start();
    Files.writeString(logs.resolve("a.json"), record("a1"));
    Await.until(Duration.ofSeconds(20), "a.json read", () -> said.stream().anyMatch(l -> l.contains("1 new event,")), () -> "said " + said);
    Files.writeString(logs.resolve("b.json"), record("b1"));
    Await.until(Duration.ofSeconds(20), "b.json read", () -> said.stream().filter(l -> l.contains("1 new event,")).count() == 2, () -> "said " + said);
    watch.close();
    assertThat(watch.failure()).isEmpty();
    assertThat(said).anyMatch(l -> l.equals("watch: s3://unreachable/: cannot list: bucket unreachable"));
    assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) { // the watch closed its store: it can be opened again
      assertThat(store.countEvents()).isEqualTo(2);
    }
  }

  @Test
  void aSourceIsNarrowedForLaterRoundsOnlyAfterARoundWhoseFilesWereAllRead() throws Exception {
    Path file = Files.writeString(tmp.resolve("a.json"), record("a1"));
    AtomicInteger opens = new AtomicInteger();
    LogFile flaky = TestFiles.of("s3://trail/AWSLogs/a.json", Files.size(file), () -> {
      if (opens.incrementAndGet() == 1) {
        throw new java.io.UncheckedIOException(new java.net.SocketException("Connection reset"));
      }
      try {
        return Files.newInputStream(file);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    LogSource bucket = new LogSource() {
      @Override
      public void list(Sink sink) throws InterruptedException {
        sink.accept(flaky);
      }

      @Override
      public String describe() {
        return "s3://trail/";
      }

      @Override
      public LogSource forPolling() { // as a bucket's later rounds list only recent days, where this file is not
        return LogSource.of("s3://trail/ (recent days)", List.of(), true);
      }
    };
    List<String> said = new CopyOnWriteArrayList<>();
    Watch watch = new Watch(() -> DuckDbEventStore.open(tmp.resolve("data")), List.of(bucket), List.of(), RuleEngine.none(),
        IngestOptions.defaults(), Duration.ofMillis(50), said::add).start();
    Await.until(Duration.ofSeconds(20), "a.json read in the round after the one it failed in",
        () -> said.stream().anyMatch(l -> l.contains("1 new event,")), () -> "said " + said);
    watch.close();
    assertThat(opens.get()).isEqualTo(2);
    assertThat(said).anyMatch(l -> l.contains("cannot read") && l.contains("Connection reset"));
  }

  @Test
  void aRoundWithProblemsSaysTheFirstOne() throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    List<String> said = new CopyOnWriteArrayList<>();
    Watch watch = new Watch(() -> DuckDbEventStore.open(tmp.resolve("data")), List.of(new LocalDirectorySource(logs)), List.of(), RuleEngine.none(),
        IngestOptions.defaults(), Duration.ofMillis(50), said::add).start();
    Files.writeString(logs.resolve("a.json"), record("a1").replace("]}", ",{\"eventVersion\":]}"));
    Await.until(Duration.ofSeconds(20), "a.json read", () -> said.stream().anyMatch(l -> l.contains("1 problem")), () -> "said " + said);
    watch.close();

    assertThat(said).filteredOn(l -> l.contains("1 problem")).singleElement().asString()
        .startsWith("watch: " + logs + ": 1 file, 1 new event, 0 rule matches, 1 problem (first: " + logs.resolve("a.json") + ", record 1 at byte ")
        .contains("invalid JSON");
  }

  @Test
  void aLastingFailureIsSaidOnceAndItsEndToo() throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Path link = Files.createSymbolicLink(logs.resolve("2026-11-01"), tmp.resolve("unmounted-disk"));
    List<String> said = new CopyOnWriteArrayList<>();
    Watch watch = new Watch(() -> DuckDbEventStore.open(tmp.resolve("data")), List.of(new LocalDirectorySource(logs)), List.of(), RuleEngine.none(),
        IngestOptions.defaults(), Duration.ofMillis(50), said::add).start();
    Files.writeString(logs.resolve("a.json"), record("a1"));
    Await.until(Duration.ofSeconds(20), "a.json read", () -> said.stream().anyMatch(l -> l.contains("1 new event,")), () -> "said " + said);
    Thread.sleep(500); // ten more rounds, each failing the same way
    Files.createDirectories(tmp.resolve("unmounted-disk"));
    Files.writeString(tmp.resolve("unmounted-disk/b.json"), record("b1"));
    Await.until(Duration.ofSeconds(20), "b.json read and the failure over",
        () -> said.stream().anyMatch(l -> l.contains("without failures")) && said.stream().filter(l -> l.contains("1 new event,")).count() == 2,
        () -> "said " + said);
    watch.close();

    assertThat(said).filteredOn(l -> l.contains("cannot read")).containsExactly(
        "watch: " + logs + ": cannot read: " + link + ": a symbolic link to something that does not exist");
    assertThat(said).filteredOn(l -> l.contains("1 new event,")).hasSize(2);
  }

  @Test
  void aQueueThatKeepsFailingIsSaidOnceAndItsEndToo() throws Exception {
    AtomicInteger receives = new AtomicInteger();
    NotificationSource queue = new NotificationSource() {
      @Override
      public List<Notification> receive(Duration wait) throws IOException {
        if (receives.incrementAndGet() <= 3) {
          throw new IOException("cannot receive from sqs://q: Connection refused");
        }
        return List.of();
      }

      @Override
      public void settle(Notification n) {}

      @Override
      public void leave(Notification n) {}

      @Override
      public String describe() {
        return "sqs://q";
      }

      @Override
      public void close() {}
    };
    List<String> said = new CopyOnWriteArrayList<>();
    Watch watch = new Watch(() -> DuckDbEventStore.open(tmp.resolve("data")), List.of(), List.of(queue), RuleEngine.none(),
        IngestOptions.defaults(), Duration.ofMillis(50), said::add).start();
    Await.until(Duration.ofSeconds(30), "the queue answers again", () -> said.stream().anyMatch(l -> l.contains("without failures")), () -> "said " + said);
    watch.close();
    assertThat(receives.get()).isGreaterThan(3);
    assertThat(said).containsExactly("watch: sqs://q: cannot receive from sqs://q: Connection refused", "watch: sqs://q: read again without failures");
  }

  @Test
  void aStoreThatCannotBeOpenedStopsTheWatchWithTheReason() throws Exception {
    Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
    Watch watch = new Watch(() -> DuckDbEventStore.open(notAFolder), List.of(), List.of(), RuleEngine.none(), IngestOptions.defaults(),
        Duration.ofMillis(100), l -> {}).start();
    watch.join();
    assertThat(watch.failure()).isPresent();
  }
}
