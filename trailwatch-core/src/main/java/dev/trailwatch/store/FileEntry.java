// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

import dev.trailwatch.event.ParseSummary;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A file fully read and staged, ready to be committed with its events. */
public record FileEntry(
    long fileId,
    String source,
    long size,
    @Nullable Instant lastModified,
    @Nullable String etag,
    String sha256,
    ParseSummary summary) {

  /** The ledger status this file gets. */
  public FileStatus status() {
    return switch (summary.format()) {
      case DIGEST -> FileStatus.DIGEST;
      default ->
          summary.problems() > 0
              ? FileStatus.PROBLEMS
              : summary.records() == 0 ? FileStatus.EMPTY : FileStatus.INGESTED;
    };
  }
}
