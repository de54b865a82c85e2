// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.RecordSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reader throughput on a corpus without the store, next to the gunzip floor: {@code java -cp
 * bench/target/benchmarks.jar dev.trailwatch.bench.ParseOnly CORPUS [THREADS]}.
 */
public final class ParseOnly {
  private ParseOnly() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    List<Path> files;
    try (Stream<Path> s = Files.walk(corpus)) {
      files = s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
    }
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      long bytes = run(files, threads, f -> {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 1 << 16)) {
          return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      });
      long t1 = System.nanoTime();
      AtomicLong events = new AtomicLong();
      LogFileParser parser = new LogFileParser();
      run(files, threads, f -> {
        try (InputStream in = Files.newInputStream(f)) {
          return parser.parse(in, RecordSink.of(event -> events.incrementAndGet(), problem -> {})).records();
        }
      });
      long t2 = System.nanoTime();
      System.out.printf(java.util.Locale.ROOT, "gunzip floor: %.2f s (%,d MB)  parse: %.2f s, %,d events, %,.0f events/s%n",
          (t1 - t0) / 1e9, bytes >> 20, (t2 - t1) / 1e9, events.get(), events.get() / ((t2 - t1) / 1e9));
    }
  }

  interface FileTask {
    long apply(Path p) throws IOException;
  }

  private static long run(List<Path> files, int threads, FileTask task) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong total = new AtomicLong();
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
          try {
            total.addAndGet(task.apply(files.get(i)));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    return total.get();
  }
}
