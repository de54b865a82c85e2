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
 * @param filesPassedOver files of an archive not read, being outside the days, accounts or regions chosen
 */
public record ParseSummary(
    LogFormat format, int records, int problems, int recordsWithUnknownFields, int recordsWithoutTime, long decompressedBytes,
    int filesPassedOver) {

  /** What a file held, read whole. */
  public ParseSummary(LogFormat format, int records, int problems, int recordsWithUnknownFields, int recordsWithoutTime, long decompressedBytes) {
    this(format, records, problems, recordsWithUnknownFields, recordsWithoutTime, decompressedBytes, 0);
  }

  /** The same counts, of a file of format {@code f} (an archive, a CSV export: the content read was its files', its records'). */
  public ParseSummary as(LogFormat f) {
    return new ParseSummary(f, records, problems, recordsWithUnknownFields, recordsWithoutTime, decompressedBytes, filesPassedOver);
  }

  /** Files of one archive together: the counts add up (the format is this one's). */
  public ParseSummary plus(ParseSummary o) {
    return new ParseSummary(format, records + o.records, problems + o.problems,
        recordsWithUnknownFields + o.recordsWithUnknownFields, recordsWithoutTime + o.recordsWithoutTime,
        decompressedBytes + o.decompressedBytes, filesPassedOver + o.filesPassedOver);
  }
}
