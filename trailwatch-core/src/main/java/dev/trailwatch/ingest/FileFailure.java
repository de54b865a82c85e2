// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.source.IoReasons;
import java.io.IOException;

/**
 * A file that could not be read at all, or a source that could not be listed (neither is in the ledger; the next run
 * tries it again).
 */
public record FileFailure(String source, String reason) {
  /** The failure of {@code source} to be listed: why, in the words a file's failure has ({@link IoReasons}). */
  static FileFailure of(String source, Exception e) {
    return new FileFailure(source, e instanceof IOException io ? IoReasons.of(io) : String.valueOf(e.getMessage()));
  }

  @Override
  public String toString() {
    return source + ": " + reason;
  }
}
