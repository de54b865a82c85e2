// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the log files of an archive one by one, each with a scan of its own (a broken file does not change how the
 * next is read), its records at their offsets in the archive's {@link ArchiveEntries} sequence, where the store cuts
 * them out again, and its problems naming it.
 */
final class ArchiveScan {
  private ArchiveScan() {}

  /** Each log file of an archive on its own, at its offset in the archive's sequence, its problems naming it. */
  static ParseSummary run(ArchiveEntries archive, RecordSink sink) throws IOException {
    Scanned all = eachFile(archive, sink, 0, "");
    ParseSummary s = all.summary() != null ? all.summary() : new ParseSummary(LogFormat.EMPTY, 0, 0, 0, 0, 0);
    return new ParseSummary(LogFormat.ARCHIVE, s.records(), s.problems(), s.recordsWithUnknownFields(), s.recordsWithoutTime(), all.length());
  }

  /** What the files of an archive held, and the length of its sequence. */
  private record Scanned(@Nullable ParseSummary summary, long length) {}

  private static Scanned eachFile(ArchiveEntries archive, RecordSink sink, long origin, String within) throws IOException {
    ParseSummary total = null;
    long at = origin;
    String last = "its start";
    while (true) {
      ParseSummary one;
      try {
        ArchiveEntries.LogFile f = archive.nextLogFile();
        if (f == null) {
          break;
        }
        last = within + f.name();
        if (f.problem() != null) { // not read, and no place in the sequence
          sink.problem(new ParseProblem(-1, 0, within + f.name() + ": " + f.problem(), ""));
          one = new ParseSummary(LogFormat.UNKNOWN, 0, 1, 0, 0, 0);
        } else if (f.content() instanceof ArchiveEntries inner) {
          Scanned s = eachFile(inner, sink, at, within + f.name() + "/");
          one = s.summary();
          at += s.length() + 1; // and the line break after it
        } else {
          BoundedInputStream content = BoundedInputStream.builder().setInputStream(f.content()).get();
          one = new FileScan(content, sink, at, within + f.name()).run();
          content.transferTo(OutputStream.nullOutputStream()); // to its end, to know where the next file starts
          at += content.getCount() + 1;
        }
      } catch (IOException e) { // the archive's data is broken (truncated, corrupt); a failing disk or network is told apart by the caller
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        sink.problem(new ParseProblem(-1, 0, "the archive breaks off after " + last + ": " + why, ""));
        one = new ParseSummary(LogFormat.UNKNOWN, 0, 1, 0, 0, 0);
        total = total == null ? one : total.plus(one);
        break;
      }
      total = total == null ? one : one == null ? total : total.plus(one);
    }
    return new Scanned(total, at - origin);
  }
}
