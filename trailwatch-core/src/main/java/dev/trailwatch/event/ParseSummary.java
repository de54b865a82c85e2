// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

/**
 * What one file held.
 *
 * @param format the format recognised from the content
 * @param records good records passed to the sink
 * @param problems problems passed to the sink
 * @param recordsWithUnknownFields good records that carried fields this version does not type (kept in raw)
 * @param recordsWithoutTime good records whose eventTime is missing or not a time (kept, outside every time range)
 * @param decompressedBytes bytes read after decompression
 */
public record ParseSummary(
    LogFormat format, int records, int problems, int recordsWithUnknownFields, int recordsWithoutTime, long decompressedBytes) {

  /**
   * Two files of one archive together: the counts add up; the format is the first one's, unless only a later one
   * held records (an archive whose first file is a digest is still a log archive).
   */
  public ParseSummary plus(ParseSummary o) {
    boolean recordsOnlyThere = records == 0 && o.records > 0;
    return new ParseSummary(recordsOnlyThere ? o.format : format, records + o.records, problems + o.problems,
        recordsWithUnknownFields + o.recordsWithUnknownFields, recordsWithoutTime + o.recordsWithoutTime,
        decompressedBytes + o.decompressedBytes);
  }
}
