// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.RecordSink;
import dev.trailwatch.generate.CorpusGenerator;
import dev.trailwatch.generate.GeneratorConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reader on one generated CloudTrail file (gzip, as delivered): decompress, find records, type their
 * fields, keep their bytes. Scores are files per second; events per file are printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReaderBenchmark {
  private byte[] gz;
  private final LogFileParser parser = new LogFileParser();

  @Setup(Level.Trial)
  public void corpus() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("tw-jmh");
    new CorpusGenerator().generate(new GeneratorConfig(dir, 20_000, List.of("111111111111", "222222222222"),
        List.of("us-east-1"), 1, Instant.parse("2026-11-02T00:00:00Z"), 3, false, null), n -> {});
    try (Stream<Path> s = Files.walk(dir)) {
      Path biggest = s.filter(p -> p.toString().endsWith(".gz")).max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
      gz = Files.readAllBytes(biggest);
    }
    System.out.println("file: " + gz.length + " bytes gzip, " + parser.parse(gz).events().size() + " events");
  }

  @Benchmark
  public int parseFile(Blackhole bh) throws IOException {
    return parser.parse(new ByteArrayInputStream(gz), RecordSink.of(bh::consume, bh::consume)).records();
  }
}
