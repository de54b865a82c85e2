// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import org.jspecify.annotations.Nullable;

/**
 * What one scan of a file hands on: its records and problems, to the sink, counted, and the format they show. For a
 * file in an archive, records lie {@code origin} further on in the archive's sequence, and problems name the file.
 */
final class ScanOutput {
  private final RecordSink sink;
  private final long origin;
  private final String within;
  private int records;
  private int problems;
  private int unknownFieldRecords;
  private int untimedRecords;
  private @Nullable LogFormat format;
  private boolean emittedSinceProblem = true;

  ScanOutput(RecordSink sink, long origin, String within) {
    this.sink = sink;
    this.origin = origin;
    this.within = within.isEmpty() ? "" : within + ": ";
  }

  /**
   * The record whose fields are {@code f} and whose text is {@code bytes}, the {@code index}th of the file: at
   * {@code start} for {@code length} bytes of the file ({@code encoded} when they are a JSON string holding it).
   */
  void record(RecordFields f, byte[] bytes, long spanBase, int index, long start, int length, boolean encoded) {
    if (f.unknownFields) {
      unknownFieldRecords++;
    }
    record(f.event(bytes, spanBase, new RecordLocation(index, origin + start, length, encoded)));
  }

  private void record(CloudTrailEvent event) {
    if (event.eventTime() == null) {
      untimedRecords++; // kept, as the samples' table asks, but counted: no time range will show it
    }
    records++;
    emittedSinceProblem = true;
    sink.accept(event);
  }

  /**
   * A record of a log file delivered as one text ({@link EmbeddedLogFile}), the {@code index}th of the file: the
   * text lies at {@code start} for {@code length} bytes of the file.
   */
  void embedded(CloudTrailEvent e, int index, long start, int length) {
    record(e.at(new RecordLocation(index, origin + start, length, true)));
  }

  /** Records of a log file delivered as one text that held fields CloudTrail does not write. */
  void unknownFieldRecords(int count) {
    unknownFieldRecords += count;
  }

  void problem(int index, long offset, String reason, String raw) {
    problems++;
    emittedSinceProblem = false;
    sink.problem(new ParseProblem(index, offset, within + reason, raw)); // where in the file the reason names
  }

  /** How many records and problems so far: whether a part of the file yielded anything. */
  int yielded() {
    return records + problems;
  }

  /** Whether a record came after the last problem (or there was none). */
  boolean emittedSinceProblem() {
    return emittedSinceProblem;
  }

  /** What the file turned out to hold: the first format met, unless that was JSON lines of what the next names. */
  void format(LogFormat f) {
    if (format == null || format == LogFormat.JSON_LINES && f != LogFormat.JSON_LINES) {
      format = f;
    }
  }

  /** The format {@code general} becomes {@code particular}, when it is what the file showed so far. */
  void refine(LogFormat general, LogFormat particular) {
    if (format == general) {
      format = particular;
    }
  }

  /** The format so far; null before any. */
  @Nullable LogFormat format() {
    return format;
  }

  ParseSummary summary(boolean sawRootValue, long decompressedBytes) {
    LogFormat f = format != null ? format : (sawRootValue ? LogFormat.UNKNOWN : LogFormat.EMPTY);
    return new ParseSummary(f, records, problems, unknownFieldRecords, untimedRecords, decompressedBytes);
  }
}
