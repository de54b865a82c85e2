// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

import dev.trailwatch.event.ParseSummary;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A file fully read and staged, ready to be committed with its events.
 *
 * @param selection the days, accounts or regions (in words) an archive was read for, when files of it were passed over
 *     as outside them; null when it was read whole
 */
public record FileEntry(
    long fileId,
    String source,
    long size,
    @Nullable Instant lastModified,
    @Nullable String etag,
    String sha256,
    ParseSummary summary,
    @Nullable String selection) {

  /** The ledger status this file gets. */
  public FileStatus status() {
    return switch (summary.format()) {
      case DIGEST -> FileStatus.DIGEST;
      default ->
          selection != null ? FileStatus.PARTIAL
          : summary.problems() > 0
              ? FileStatus.PROBLEMS
              : summary.records() == 0 ? FileStatus.EMPTY : FileStatus.INGESTED;
    };
  }
}
