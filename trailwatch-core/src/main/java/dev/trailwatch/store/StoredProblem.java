// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

/** A row of the {@code problems} table, without its raw text: what a person reads first. */
public record StoredProblem(String source, int recordIndex, long byteOffset, String reason) {
  /** {@code file.json, record 3 at byte 1,293: invalid JSON: …} on one line, naming only what is known. */
  @Override
  public String toString() {
    String where = recordIndex >= 0 ? String.format(java.util.Locale.ROOT, ", record %d at byte %,d", recordIndex, byteOffset)
        : byteOffset > 0 ? String.format(java.util.Locale.ROOT, ", byte %,d", byteOffset) : "";
    return (source + where + ": " + reason).replace('\n', ' ').replace('\r', ' ');
  }
}
