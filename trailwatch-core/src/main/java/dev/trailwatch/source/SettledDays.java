// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The day folders of CloudTrail's layout ({@code <account>/CloudTrail*}{@code /<region>/YYYY/MM/DD}) in a watched local
 * folder that later rounds need not walk. A day folder settles when its day ended more than {@link #LOOKBACK} before
 * (CloudTrail delivers within minutes, late files within hours: a bucket's later rounds list only those days too), a
 * walk found it and every file in it last changed more than {@link #SETTLE} before, and that round was then read
 * without failures. It is walked again when its own modification time changes (a file added, removed or renamed in
 * it: a late backfill). CloudTrail never changes a file it delivered; a file changed in place in a settled folder is
 * read again when the watch starts again. Files being written (a copy in progress) keep their folder unsettled until
 * they are done. The day's end, not only the folder's time, decides: on a mount whose folders' times never change (a
 * bucket mounted through FUSE), the recent days are still walked every round.
 */
final class SettledDays {
  static final Duration SETTLE = Duration.ofMinutes(5);
  static final Duration LOOKBACK = Duration.ofHours(26);
  private final Map<Path, FileTime> settled = new HashMap<>();
  private final Map<Path, FileTime> walking = new HashMap<>(); // day folders of this walk that may settle
  private final Map<Path, FileTime> walked = new HashMap<>(); // settled once this round is read without failures
  private long settleBefore;
  private Instant daysEndedBefore = Instant.EPOCH;

  /** A walk starts {@code now}: what the last one found is dropped unless its round was read ({@link #roundRead}). */
  void walkStarts(Instant now) {
    walking.clear();
    walked.clear();
    settleBefore = now.minus(SETTLE).toEpochMilli();
    daysEndedBefore = now.minus(LOOKBACK);
  }

  /** Whether the walk passes over folder {@code dir}: a settled day folder whose modification time is unchanged. */
  boolean passOver(Path dir, BasicFileAttributes a) {
    return a.lastModifiedTime().equals(settled.get(dir));
  }

  void entering(Path dir, BasicFileAttributes a) {
    walking.remove(dir.getParent()); // a folder inside a day folder: that one is not laid out as CloudTrail's are
    LocalDate day = day(dir);
    if (day != null && day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(daysEndedBefore)
        && a.lastModifiedTime().toMillis() < settleBefore) {
      walking.put(dir, a.lastModifiedTime());
    }
  }

  /** A file of the walk (or something else at that path: a link whose target is gone). */
  void found(Path p, BasicFileAttributes a) {
    if (!a.isRegularFile() || a.lastModifiedTime().toMillis() >= settleBefore) {
      walking.remove(p.getParent());
    }
  }

  /** Something the walk could not read: its folder stays unsettled, and so does it when it is one. */
  void failed(Path p) {
    walking.remove(p);
    walking.remove(p.getParent());
  }

  void leaving(Path dir) {
    FileTime t = walking.remove(dir);
    if (t != null) {
      walked.put(dir, t);
    }
  }

  /** The last walk's files were all read: the day folders it settled are not walked again. */
  void roundRead() {
    settled.putAll(walked);
    walked.clear();
  }

  /** The day of a day folder of CloudTrail's layout ({@code <12 digits>/CloudTrail*}{@code /<region>/YYYY/MM/DD}); null for other folders. */
  static @Nullable LocalDate day(Path dir) {
    int n = dir.getNameCount();
    if (n < 6 || !digits(dir, n - 1, 2) || !digits(dir, n - 2, 2) || !digits(dir, n - 3, 4) || !dir.getName(n - 5).toString().startsWith("CloudTrail")
        || !digits(dir, n - 6, 12)) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(dir.getName(n - 3).toString()), Integer.parseInt(dir.getName(n - 2).toString()),
          Integer.parseInt(dir.getName(n - 1).toString()));
    } catch (java.time.DateTimeException e) { // 2026/13/45: not a day
      return null;
    }
  }

  private static boolean digits(Path p, int at, int count) {
    String s = p.getName(at).toString();
    return s.length() == count && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
