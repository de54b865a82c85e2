// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * DuckDB's JDBC driver copies its 60 MB native library into the temp folder each time a process starts
 * ({@code libduckdb_java*.so}) and deletes it at a normal exit; a process that is killed or crashes leaves it
 * behind. Each start removes such copies older than a few minutes (a process that is still copying its own is
 * younger). On Linux and macOS a running process keeps its loaded copy after the name is removed; where the
 * system refuses (another user's copy, a library in use on Windows) the copy is left: this is housekeeping, and
 * never fails the command.
 */
final class DuckDbLeftovers {
  static final Duration MIN_AGE = Duration.ofMinutes(10);

  private DuckDbLeftovers() {}

  /** Removes leftover copies in {@code tmp}; returns how many. */
  static int clean(Path tmp, Instant now) {
    long before = now.minus(MIN_AGE).toEpochMilli();
    File[] copies = tmp.toFile().listFiles((dir, name) -> name.startsWith("libduckdb_java") && name.endsWith(".so"));
    int removed = 0;
    for (File f : copies == null ? new File[0] : copies) { // null: no folder to look in
      if (f.lastModified() < before && f.delete()) {
        removed++;
      }
    }
    return removed;
  }
}
