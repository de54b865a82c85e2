// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.event.LogFormat;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an ingest run did.
 *
 * @param filesSeen files found in the sources
 * @param filesRead files read and committed (digest files included)
 * @param filesUnchanged files skipped because the ledger has them with the same size and time or ETag
 * @param filesNotJson files found by walking a folder that are plainly neither JSON, gzip nor an archive, passed over
 * @param failures files that could not be read at all (I/O errors), one line each; they are not in the
 *     ledger and will be tried again by the next run
 * @param unlisted sources whose listing failed, whole or in part (a bucket that denies listing, a listing cut off
 *     half-way): what they listed before failing was read; the next run lists them again
 * @param problems bad records or broken parts of files, stored in the {@code problems} table
 * @param recordsWithUnknownFields good records carrying fields this version does not type (kept in raw)
 * @param matches rule matches of the new events (findings fold repeated matches together)
 * @param formats how many of the files read each format was (as the ledger's {@code format} names it)
 */
public record IngestReport(
    int filesSeen,
    int filesRead,
    int filesUnchanged,
    int filesNotJson,
    List<FileFailure> failures,
    List<FileFailure> unlisted,
    long eventsRead,
    long eventsNew,
    long eventsDuplicate,
    long problems,
    long recordsWithUnknownFields,
    long recordsWithoutTime,
    long matches,
    Map<LogFormat, Integer> formats,
    Duration elapsed) {

  public IngestReport {
    failures = List.copyOf(failures);
    unlisted = List.copyOf(unlisted);
    formats = formats.isEmpty() ? Map.of() : new EnumMap<>(formats);
  }

  /** A run that had nothing to read. */
  public static IngestReport nothing() {
    return new IngestReport(0, 0, 0, 0, List.of(), List.of(), 0, 0, 0, 0, 0, 0, 0, Map.of(), Duration.ZERO);
  }

  /** Both runs' counts together (for runs one after the other: elapsed times add up). */
  public IngestReport plus(IngestReport o) {
    Map<LogFormat, Integer> formatsOfBoth = new EnumMap<>(LogFormat.class);
    formatsOfBoth.putAll(formats);
    o.formats.forEach((f, n) -> formatsOfBoth.merge(f, n, Integer::sum));
    return new IngestReport(filesSeen + o.filesSeen, filesRead + o.filesRead, filesUnchanged + o.filesUnchanged, filesNotJson + o.filesNotJson,
        Stream.concat(failures.stream(), o.failures.stream()).toList(),
        Stream.concat(unlisted.stream(), o.unlisted.stream()).toList(), eventsRead + o.eventsRead, eventsNew + o.eventsNew, eventsDuplicate + o.eventsDuplicate,
        problems + o.problems, recordsWithUnknownFields + o.recordsWithUnknownFields, recordsWithoutTime + o.recordsWithoutTime, matches + o.matches, formatsOfBoth,
        elapsed.plus(o.elapsed));
  }

  /** Whether every file was listed and read: no file failed and no source's listing did. */
  public boolean whole() {
    return failures.isEmpty() && unlisted.isEmpty();
  }

  /** CloudTrail digest files recognised (kept apart, no events): the files read as {@link LogFormat#DIGEST}. */
  public int digestFiles() {
    return formats.getOrDefault(LogFormat.DIGEST, 0);
  }

  /** Events per second over the whole run. */
  public double eventsPerSecond() {
    double s = Math.max(elapsed.toNanos(), 1) / 1e9;
    return eventsRead / s;
  }
}
