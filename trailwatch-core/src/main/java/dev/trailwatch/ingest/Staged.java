// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.ParseProblem;
import dev.trailwatch.store.FileEntry;
import java.util.List;

/** What a file reader hands the writer thread, in order per file. */
sealed interface Staged {
  long fileId();

  /** Records of a file and the rules they matched (each match refers to one of {@code events}). */
  record Events(long fileId, List<CloudTrailEvent> events, List<RuleMatch> matches) implements Staged {}

  record RawChunk(long fileId, int seq, byte[] data, int length) implements Staged {}

  record Problems(long fileId, String source, List<ParseProblem> problems) implements Staged {}

  /** The file was read to its end; everything for it has been sent. */
  record Done(long fileId, FileEntry entry) implements Staged {}

  /** The file was passed over (not JSON or gzip); nothing was sent for it. */
  record NotJson(long fileId, String source) implements Staged {}

  /** The file could not be read; what was sent for it must be dropped. */
  record Failed(long fileId, String source, String reason) implements Staged {}
}
