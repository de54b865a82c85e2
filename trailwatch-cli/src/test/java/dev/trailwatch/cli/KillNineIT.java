// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.generate.CorpusGenerator;
import dev.trailwatch.generate.GeneratorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at a random moment of an ingest, then the same command again, ends in exactly the store of
 * an uninterrupted run: same events (by identity), same ledger, same problems, nothing twice.
 */
class KillNineIT {
  @TempDir static Path tmp;
  static Path corpus;
  static String reference;
  static final Random RANDOM = new Random(20261127);
  static final java.util.concurrent.atomic.AtomicInteger KILLED_MIDWAY = new java.util.concurrent.atomic.AtomicInteger();
  static long totalFiles;
  static long referenceMillis;

  @BeforeAll
  static void corpusAndReference() throws Exception {
    corpus = tmp.resolve("corpus");
    new CorpusGenerator().generate(new GeneratorConfig(corpus.resolve("a"), 40_000, List.of("111111111111", "222222222222"),
        List.of("us-east-1", "eu-west-1"), 1, Instant.parse("2026-11-02T00:00:00Z"), 9, true, null), n -> {});
    // The same files again under another folder (every event a duplicate), and a broken file (a problem).
    Path copy = Files.createDirectories(corpus.resolve("b"));
    try (Stream<Path> files = Files.walk(corpus.resolve("a/AWSLogs"))) {
      int[] i = {0};
      files.filter(p -> p.toString().endsWith(".gz")).filter(p -> i[0]++ % 7 == 0)
          .forEach(p -> copy(p, copy.resolve(p.getFileName())));
    }
    Files.writeString(corpus.resolve("b/broken.json"), "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"x1\"} {\"eventVersion\":\"1.08\",\"eventID\":\"x2\"}]}");
    Path data = tmp.resolve("reference");
    long started = System.nanoTime();
    Cli r = Jar.run(300, List.of(), "ingest", "--commit-events", "2000", "--data", data.toString(), corpus.toString());
    referenceMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.PROBLEMS.code());
    reference = fingerprint(data);
    totalFiles = Long.parseLong(Cli.run("query", "--data", data.toString(), "--csv", "SELECT count(*) FROM files").out().lines().skip(1).findFirst().orElseThrow());
  }

  @org.junit.jupiter.api.AfterAll
  static void theKillsLandedMidIngest() {
    // Kills before the first commit or after the last prove less; most must fall in between.
    assertThat(KILLED_MIDWAY.get()).as("runs killed after some files and before all were committed").isGreaterThanOrEqualTo(8);
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @RepeatedTest(20)
  void aKilledIngestRunAgainEndsInTheSameStore(RepetitionInfo run) throws Exception {
    Path data = Files.createTempDirectory(tmp, "killed");
    Process p = Jar.builder(List.of(), "ingest", "--commit-events", "2000", "--data", data.toString(), corpus.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    // At a random share of an uninterrupted run's time, so on a slow machine too: every fifth run early, while the
    // JVM starts, the store is made or the rules are compiled; the others where commits happen (from about 40 %).
    double share = run.getCurrentRepetition() % 5 == 0 ? RANDOM.nextDouble(0.4) : RANDOM.nextDouble(0.4, 0.9);
    Thread.sleep((long) (share * referenceMillis));
    p.destroyForcibly(); // SIGKILL on Linux
    p.waitFor();
    long committed = committedFiles(data);
    if (committed > 0 && committed < totalFiles) {
      KILLED_MIDWAY.incrementAndGet();
    }

    Cli again = Jar.run(300, List.of(), "ingest", "--commit-events", "2000", "--data", data.toString(), corpus.toString());

    assertThat(again.exit()).as(again.err()).isIn(ExitStatus.OK.code(), ExitStatus.PROBLEMS.code());
    assertThat(fingerprint(data)).isEqualTo(reference);
  }

  @org.junit.jupiter.api.Test
  void aStoppedIngestSaysWhatItKeptAndTheSameCommandFinishesIt() throws Exception {
    // The stop must land after the first commit and before the last. The wait counts from the store's creation
    // (a busy machine starts the JVM slowly); it grows after a stop that came before any commit and shrinks after
    // one that came when every file was in.
    long wait = 1_500;
    for (int attempt = 0; ; attempt++) {
      assertThat(attempt).as("never stopped between the first and the last commit").isLessThan(8);
      Path data = Files.createTempDirectory(tmp, "stopped");
      Path err = tmp.resolve("stopped-" + attempt + ".err");
      Process p = Jar.builder(List.of(), "ingest", "--commit-events", "500", "--data", data.toString(), corpus.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
      untilTheStoreIsMade(p, data);
      Thread.sleep(wait);
      p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
      p.waitFor();
      long committed = committedFiles(data);
      if (committed == 0) {
        wait = wait * 3 / 2; // stopped before the first commit: proves less
        continue;
      }
      if (committed == totalFiles) {
        wait = wait * 2 / 3; // the ingest had read everything
        continue;
      }
      String said = Files.readString(err);
      assertThat(said).containsPattern("trailwatch: stopped; [0-9,]+ files? \\([0-9,]+ new events?\\) committed and kept; run the same command again");
      Cli again = Jar.run(300, List.of(), "ingest", "--data", data.toString(), corpus.toString());
      assertThat(again.err()).doesNotContain("stopped");
      assertThat(fingerprint(data)).isEqualTo(reference);
      return;
    }
  }

  private static void untilTheStoreIsMade(Process p, Path data) throws InterruptedException {
    for (int i = 0; i < 1_200 && p.isAlive() && !Files.exists(data.resolve("trailwatch.duckdb")); i++) {
      Thread.sleep(50);
    }
  }

  private static long committedFiles(Path data) {
    if (!Files.exists(data.resolve("trailwatch.duckdb"))) {
      return 0;
    }
    Cli files = Cli.run("query", "--data", data.toString(), "--csv", "SELECT count(*) FROM files");
    return files.exit() == 0 ? Long.parseLong(files.out().lines().skip(1).findFirst().orElse("0")) : 0;
  }

  /** What the store holds, independent of file ids and commit order. */
  static String fingerprint(Path data) {
    String[] queries = {
      "SELECT count(*), count(DISTINCT (coalesce(recipient_account_id, ''), event_key)), sum(dedupe_hash) FROM events",
      "SELECT count(*), count(DISTINCT source), sum(records), sum(events_new + events_duplicate), sum(problems) FROM files",
      "SELECT count(*), sum(byte_offset) FROM problems",
      "SELECT count(*), sum(octet_length(data)) FROM raw_chunks WHERE file_id IN (SELECT file_id FROM files)",
      "SELECT count(*) FROM raw_chunks WHERE file_id NOT IN (SELECT file_id FROM files)",
    };
    StringBuilder b = new StringBuilder();
    for (String q : queries) {
      Cli r = Cli.run("query", "--data", data.toString(), "--csv", q);
      assertThat(r.exit()).as(r.err()).isZero();
      b.append(r.out().lines().skip(1).findFirst().orElseThrow()).append('\n');
    }
    return b.toString();
  }
}
