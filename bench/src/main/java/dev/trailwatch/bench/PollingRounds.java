// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What listing a local folder costs in each round of a watch: first three walks of all of it (as `ingest` lists it, and
 * as every round did before day folders settled), then ROUNDS rounds of a watch, the first of which walks it all and
 * the later ones pass over the day folders that settled ({@link LocalDirectorySource#forPolling}), each told that the
 * round before was read: {@code java -cp bench/target/benchmarks.jar dev.trailwatch.bench.PollingRounds FOLDER [ROUNDS]}.
 * The first walk also says how much heap its listing holds a file (measured after a full collection).
 */
public final class PollingRounds {
  private PollingRounds() {}

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    Runtime heap = Runtime.getRuntime();
    System.gc();
    long before = heap.totalMemory() - heap.freeMemory();
    long t0 = System.nanoTime();
    List<LogFile> first = new LocalDirectorySource(Path.of(args[0])).list();
    double took = (System.nanoTime() - t0) / 1e6;
    System.gc();
    long held = heap.totalMemory() - heap.freeMemory() - before;
    System.out.printf("walk 1: %,d files listed in %.1f ms, %,d bytes of heap a file%n", first.size(), took, held / Math.max(1, first.size()));
    for (int w = 2; w <= 3; w++) {
      t0 = System.nanoTime();
      int listed = new LocalDirectorySource(Path.of(args[0])).list().size();
      System.out.printf("walk %d: %,d files listed in %.1f ms%n", w, listed, (System.nanoTime() - t0) / 1e6);
    }
    LogSource source = new LocalDirectorySource(Path.of(args[0])).forPolling();
    for (int r = 1; r <= rounds; r++) {
      t0 = System.nanoTime();
      int listed = source.list().size();
      System.out.printf("round %d: %,d files listed in %.1f ms%n", r, listed, (System.nanoTime() - t0) / 1e6);
      source = source.forPolling();
    }
  }
}
