// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import java.time.Duration;
import java.util.List;

/**
 * What an ingest run did.
 *
 * @param filesSeen files found in the sources
 * @param filesRead files read and committed (digest files included)
 * @param filesUnchanged files skipped because the ledger has them with the same size and time or ETag
 * @param filesNotJson files found by walking a folder that are plainly neither JSON, gzip nor an archive, passed over
 * @param digestFiles CloudTrail digest files recognised (kept apart, no events)
 * @param failures files that could not be read at all (I/O errors), one line each; they are not in the
 *     ledger and will be tried again by the next run
 * @param problems bad records or broken parts of files, stored in the {@code problems} table
 * @param recordsWithUnknownFields good records carrying fields this version does not type (kept in raw)
 * @param matches rule matches of the new events (findings fold repeated matches together)
 */
public record IngestReport(
    int filesSeen,
    int filesRead,
    int filesUnchanged,
    int filesNotJson,
    int digestFiles,
    List<FileFailure> failures,
    long eventsRead,
    long eventsNew,
    long eventsDuplicate,
    long problems,
    long recordsWithUnknownFields,
    long recordsWithoutTime,
    long matches,
    Duration elapsed) {

  public IngestReport {
    failures = List.copyOf(failures);
  }

  /** A run that had nothing to read. */
  public static IngestReport nothing() {
    return new IngestReport(0, 0, 0, 0, 0, List.of(), 0, 0, 0, 0, 0, 0, 0, Duration.ZERO);
  }

  /** Both runs' counts together (for runs one after the other: elapsed times add up). */
  public IngestReport plus(IngestReport o) {
    List<FileFailure> both = new java.util.ArrayList<>(failures);
    both.addAll(o.failures);
    return new IngestReport(filesSeen + o.filesSeen, filesRead + o.filesRead, filesUnchanged + o.filesUnchanged, filesNotJson + o.filesNotJson,
        digestFiles + o.digestFiles, both, eventsRead + o.eventsRead, eventsNew + o.eventsNew, eventsDuplicate + o.eventsDuplicate,
        problems + o.problems, recordsWithUnknownFields + o.recordsWithUnknownFields, recordsWithoutTime + o.recordsWithoutTime, matches + o.matches, elapsed.plus(o.elapsed));
  }

  /** Events per second over the whole run. */
  public double eventsPerSecond() {
    double s = Math.max(elapsed.toNanos(), 1) / 1e9;
    return eventsRead / s;
  }
}
