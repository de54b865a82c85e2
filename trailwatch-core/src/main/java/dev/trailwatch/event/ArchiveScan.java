// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Predicate;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Reads the log files of an archive one by one, each with a scan of its own (a broken file does not change how the
 * next is read), its records at their offsets in the archive's {@link ArchiveEntries} sequence, where the store cuts
 * them out again, and its problems naming it.
 */
final class ArchiveScan {
  private ArchiveScan() {}

  /**
   * Each log file of an archive on its own, at its offset in the archive's sequence, its problems naming it; only those
   * whose paths in it {@code entries} admits (the others keep their place in the sequence, unread).
   */
  static ParseSummary run(ArchiveEntries archive, RecordSink sink, Predicate<String> entries) throws IOException {
    Scanned all = eachFile(archive, sink, entries, 0, "");
    ParseSummary s = all.summary();
    return new ParseSummary(LogFormat.ARCHIVE, s.records(), s.problems(), s.recordsWithUnknownFields(), s.recordsWithoutTime(), all.length(),
        s.filesPassedOver());
  }

  /** What the files of an archive held, and the length of its sequence. */
  private record Scanned(ParseSummary summary, long length) {}

  private static Scanned eachFile(ArchiveEntries archive, RecordSink sink, Predicate<String> entries, long origin, String within)
      throws IOException {
    ParseSummary total = new ParseSummary(LogFormat.ARCHIVE, 0, 0, 0, 0, 0);
    long at = origin;
    String last = "its start";
    for (boolean more = true; more; ) {
      ParseSummary one;
      try {
        ArchiveEntries.LogFile f = archive.nextLogFile();
        if (f == null) {
          break;
        }
        last = within + f.name();
        if (f.problem() != null) { // not read, and no place in the sequence
          one = LogFileParser.wholeFileProblem(sink, within + f.name() + ": " + f.problem());
        } else if (f.content() instanceof ArchiveEntries inner) {
          Scanned s = eachFile(inner, sink, entries, at, within + f.name() + "/");
          one = s.summary();
          at += s.length() + 1; // and the line break after it
        } else {
          BoundedInputStream content = BoundedInputStream.builder().setInputStream(f.content()).get();
          one = entries.test(within + f.name()) ? new FileScan(content, sink, at, within + f.name()).run()
              : new ParseSummary(LogFormat.ARCHIVE, 0, 0, 0, 0, 0, 1); // outside the days, accounts or regions chosen
          content.transferTo(OutputStream.nullOutputStream()); // to its end, to know where the next file starts
          at += content.getCount() + 1;
        }
      } catch (FileContent.CannotOpen e) { // the rest of the archive cannot be opened, for a reason that says what to do
        String which = within.isEmpty() ? "" : within.substring(0, within.length() - 1) + ": "; // an archive in the archive
        one = LogFileParser.wholeFileProblem(sink, which + e.getMessage());
        more = false;
      } catch (IOException e) { // the archive's data is broken (truncated, corrupt); a failing disk or network is told apart by the caller
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        one = LogFileParser.wholeFileProblem(sink, "the archive breaks off after " + last + ": " + why);
        more = false;
      }
      total = total.plus(one);
    }
    return new Scanned(total, at - origin);
  }
}
