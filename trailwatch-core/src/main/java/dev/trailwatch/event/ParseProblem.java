// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static java.util.Objects.requireNonNull;

/**
 * A record or part of a file that could not be read. Bad input is data: problems are reported and stored,
 * and the file's good records are kept.
 *
 * @param recordIndex index of the record the problem concerns, or -1 when it concerns the file
 * @param byteOffset offset in the decompressed file where the problem was found, or -1 when unknown
 * @param reason one line saying what is wrong
 * @param rawText the bad bytes as text (truncated to {@link #MAX_RAW_CHARS}), possibly empty
 */
public record ParseProblem(int recordIndex, long byteOffset, String reason, String rawText) {
  /** How much of a bad record is kept for the quarantine. */
  public static final int MAX_RAW_CHARS = 65_536;

  public ParseProblem {
    requireNonNull(reason, "reason");
    requireNonNull(rawText, "rawText");
    if (rawText.length() > MAX_RAW_CHARS) {
      rawText = rawText.substring(0, MAX_RAW_CHARS);
    }
  }

  /** Where, in words: "record 3 at byte 1234". */
  public String where() {
    String record = recordIndex >= 0 ? "record " + recordIndex : "file";
    return byteOffset >= 0 ? record + " at byte " + byteOffset : record;
  }
}
