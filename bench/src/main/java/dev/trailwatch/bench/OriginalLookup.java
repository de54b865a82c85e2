// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.nio.file.Path;

/**
 * How long looking up one stored record's original text takes (the dashboard's event page), TIMES in one JVM: {@code
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp bench/target/benchmarks.jar dev.trailwatch.bench.OriginalLookup
 * DATA_DIR ACCOUNT EVENT_KEY [TIMES]}.
 */
public final class OriginalLookup {
  private OriginalLookup() {}

  public static void main(String[] args) {
    int times = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    try (DuckDbEventStore store = DuckDbEventStore.open(Path.of(args[0]))) {
      for (int i = 0; i < times; i++) {
        long t0 = System.nanoTime();
        int length = store.findOriginalRecord(args[1], args[2]).map(String::length).orElse(-1);
        System.out.printf("%.0f ms (%,d characters)%n", (System.nanoTime() - t0) / 1e6, length);
      }
    }
  }
}
