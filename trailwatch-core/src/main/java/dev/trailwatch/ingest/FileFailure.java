// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

/** A file that could not be read at all (not in the ledger; the next run tries it again). */
public record FileFailure(String source, String reason) {
  @Override
  public String toString() {
    return source + ": " + reason;
  }
}
