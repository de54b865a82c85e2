// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleSources;
import dev.trailwatch.ingest.IngestListener;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.IngestPipeline;
import dev.trailwatch.ingest.IngestReport;
import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest throughput once the JVM is warm, the whole pipeline as {@code trailwatch ingest} runs it (the default
 * readers, rules on each event, the DuckDB store, commits), into a fresh store each iteration: without rules,
 * with the built-in pack, and with the pack plus SigmaHQ's rules ({@code -Dsigma.dir}, default
 * {@code ../shared/sigma/rules}). The corpus is {@code -Dcorpus} (default the 500k-event corpus of
 * {@code bench/run.sh}). Score: seconds per ingest of the whole corpus. A cold process also pays the JIT
 * compilation of whatever code it runs; {@code bench/rules-overhead.sh} measures that case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 4)
@Fork(value = 2, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED") // Arrow, as the jar's manifest opens it
public class IngestBenchmark {
  @Param({"none", "builtin", "builtin+sigmahq"})
  public String rules;

  private RuleEngine engine;
  private List<LocalDirectorySource> sources;
  private Path dir;
  private DuckDbEventStore store;

  @Setup(Level.Trial)
  public void loadRules() throws IOException {
    Path corpus = Path.of(System.getProperty("corpus", "bench/target/run/corpus-500000-1/AWSLogs"));
    if (!Files.isDirectory(corpus)) {
      throw new IllegalStateException(corpus.toAbsolutePath() + ": no corpus (run bench/run.sh first, or pass -Dcorpus=DIR)");
    }
    sources = List.of(new LocalDirectorySource(corpus));
    List<Path> sigma = rules.endsWith("sigmahq") ? List.of(Path.of(System.getProperty("sigma.dir", "../shared/sigma/rules"))) : List.of();
    engine = new RuleEngine(RuleSources.load(!rules.equals("none"), sigma, Map.of()));
  }

  @Setup(Level.Iteration)
  public void openStore() throws IOException {
    dir = Files.createTempDirectory("tw-ingest-jmh");
    store = DuckDbEventStore.open(dir);
  }

  @TearDown(Level.Iteration)
  public void deleteStore() throws IOException {
    store.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public long ingest() throws IOException, InterruptedException {
    IngestReport report = new IngestPipeline(store, IngestOptions.defaults(), engine).run(List.copyOf(sources), IngestListener.NONE);
    if (report.eventsNew() == 0) {
      throw new IllegalStateException("the corpus gave no events");
    }
    return report.eventsNew();
  }
}
