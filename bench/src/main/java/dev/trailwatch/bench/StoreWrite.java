// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.RecordSink;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The store's write path alone: parses a corpus into memory, then times adding and committing it: {@code
 * java -Xmx8g --add-opens=java.base/java.nio=ALL-UNNAMED -cp bench/target/benchmarks.jar dev.trailwatch.bench.StoreWrite CORPUS
 * DATA_DIR} (the store hands events to DuckDB through Arrow, which needs the option outside {@code java -jar}).
 */
public final class StoreWrite {
  private StoreWrite() {}

  public static void main(String[] args) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
      files = s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
    }
    List<CloudTrailEvent> all = new ArrayList<>();
    LogFileParser parser = new LogFileParser();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        parser.parse(in, RecordSink.of(all::add, problem -> {}));
      }
    }
    Path data = Path.of(args[1]);
    if (Files.exists(data)) {
      try (Stream<Path> s = Files.walk(data)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    long t0 = System.nanoTime();
    long tAdd = 0;
    long tCommit = 0;
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      store.latestFiles(java.util.List.of());
      int batch = 100_000;
      for (int i = 0; i < all.size(); i += batch) {
        long a = System.nanoTime();
        for (int j = i; j < Math.min(all.size(), i + batch); j += 1000) {
          store.addEvents(1, all.subList(j, Math.min(Math.min(all.size(), i + batch), j + 1000)));
        }
        long b = System.nanoTime();
        store.commit();
        long c = System.nanoTime();
        tAdd += b - a;
        tCommit += c - b;
      }
    }
    long t1 = System.nanoTime();
    System.out.printf(java.util.Locale.ROOT, "%,d events: add %.2f s, commit %.2f s, total with close %.2f s = %,.0f events/s%n",
        all.size(), tAdd / 1e9, tCommit / 1e9, (t1 - t0) / 1e9, all.size() / ((t1 - t0) / 1e9));
  }
}
