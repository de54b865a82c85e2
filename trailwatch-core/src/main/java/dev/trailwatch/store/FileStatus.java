// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

/** What became of a file in the ledger. */
public enum FileStatus {
  /** Read; all records kept. */
  INGESTED,
  /** Read; good records kept, problems recorded. */
  PROBLEMS,
  /** A CloudTrail digest file: kept apart for integrity checks, no events. */
  DIGEST,
  /** No records and no problems. */
  EMPTY,
  /**
   * Read in part: files of an archive outside the days, accounts or regions chosen were passed over (the ledger's
   * {@code selection} says which were chosen); a run that chooses otherwise reads it again.
   */
  PARTIAL;

  /** The ledger's spelling. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
