// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

/**
 * Tuning of an ingest run.
 *
 * @param readers threads that decompress and parse files
 * @param batchSize records handed to the writer at a time
 * @param queueCapacity batches in flight between readers and writer (bounds memory)
 * @param commitEvents commit once this many events of finished files are staged
 * @param commitFiles commit once this many files are finished
 */
public record IngestOptions(int readers, int batchSize, int queueCapacity, long commitEvents, int commitFiles) {
  public IngestOptions {
    if (readers < 1 || batchSize < 1 || queueCapacity < 1 || commitEvents < 1 || commitFiles < 1) {
      throw new IllegalArgumentException("ingest options must be positive: " + readers + ", " + batchSize);
    }
  }

  /**
   * Readers: one core is left to the writer (it appends every row and commits, and is the pipeline's critical
   * path), at most two (one warm reader parses and evaluates rules about twice as fast as the writer
   * stores); 1000-record batches; commits of about two DuckDB row groups (250k events).
   */
  public static IngestOptions defaults() {
    return new IngestOptions(readersFor(Runtime.getRuntime().availableProcessors()), 1000, 16, 250_000, 2000);
  }

  static int readersFor(int processors) {
    return Math.max(1, Math.min(2, processors - 1));
  }
}
