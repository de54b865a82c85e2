// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * DuckDB's JDBC driver copies its 60 MB native library into the temp folder each time a process starts
 * ({@code libduckdb_java*.so}) and deletes it at a normal exit; a process that is killed or crashes leaves it
 * behind. Each start removes such copies older than a few minutes (a process that is still copying its own is
 * younger). On Linux and macOS a running process keeps its loaded copy after the name is removed; where the
 * system refuses (a library in use on Windows) the copy is left.
 */
final class DuckDbLeftovers {
  static final Duration MIN_AGE = Duration.ofMinutes(10);

  private DuckDbLeftovers() {}

  /** Removes leftover copies in {@code tmp}; returns how many. Never fails: this is housekeeping. */
  static int clean(Path tmp, Instant now) {
    int removed = 0;
    try (DirectoryStream<Path> copies = Files.newDirectoryStream(tmp, "libduckdb_java*.so")) {
      for (Path p : copies) {
        try {
          if (Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(MIN_AGE)) && Files.deleteIfExists(p)) {
            removed++;
          }
        } catch (IOException | SecurityException e) {
          // another user's copy, or one in use: not ours to force
        }
      }
    } catch (IOException | SecurityException e) {
      // no temp folder to look at
    }
    return removed;
  }
}
