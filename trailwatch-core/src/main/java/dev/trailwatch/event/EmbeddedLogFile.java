// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A whole log file delivered as one text: a shipper's message or Splunk's {@code _raw} holding a CloudTrail file
 * ({@code {"Records":[…]}}), as Logstash's S3 input delivers each file with its default codec; or as base64 data, as
 * Firehose's backups and Kinesis keep a record's data. Its records are kept, each with the text's span as its place
 * in the file, and found in the text again by their keys.
 */
final class EmbeddedLogFile {
  private static final LogFileParser PARSER = new LogFileParser();

  /** What a text must turn out to be to count as a log file, not one record (a broken one perhaps). */
  private static final Set<LogFormat> CONTAINERS = EnumSet.of(LogFormat.RECORDS, LogFormat.JSON_ARRAY, LogFormat.CLOUDWATCH_LOGS,
      LogFormat.LOOKUP_EVENTS, LogFormat.SPLUNK, LogFormat.SUMO_LOGIC, LogFormat.SEARCH_INDEX, LogFormat.LOKI);

  /**
   * Formats of one value after another (JSON lines, concatenated events), which a text is taken for only when it holds
   * two records or more: several lines Splunk merged into one event ({@code SHOULD_LINEMERGE}), a Firehose object
   * sent on whole. One record and text after it stays one bad record.
   */
  private static final Set<LogFormat> STREAMS = EnumSet.of(LogFormat.JSON_LINES, LogFormat.EVENTBRIDGE, LogFormat.SHIPPER_DOCUMENTS);

  private EmbeddedLogFile() {}

  /**
   * Whether {@code text} may be a log file: JSON that opens an array, or an object with an object or array in it. A
   * cheap look that spares a scan to the many messages of other logs (flat objects) a log group may hold.
   */
  static boolean mayBeOne(byte[] text) {
    int i = EmbeddedRecord.afterBlanks(text);
    if (i == text.length || text[i] != '{') {
      return i < text.length && text[i] == '[';
    }
    for (i++; i < text.length; i++) {
      if (text[i] == '{' || text[i] == '[') {
        return true;
      }
    }
    return false;
  }

  /**
   * Hands on the records of the log file {@code text} holds, which the file holds from {@code start} for
   * {@code length} bytes, and the problems met among them; false, handing on nothing, when it is no log file of
   * records (JSON lines only from two records on: a text of one broken record reads as one and a problem).
   */
  static boolean scan(byte[] text, ScanState s, long start, int length) {
    List<Object> found = new ArrayList<>(); // records and problems, in the order of the text
    ParseSummary summary = PARSER.parse(text, RecordSink.of(found::add, found::add));
    boolean file = CONTAINERS.contains(summary.format()) || STREAMS.contains(summary.format()) && summary.records() >= 2;
    if (summary.records() == 0 || !file) {
      return false; // a broken record or other text: one bad record, as before
    }
    for (Object o : found) {
      if (o instanceof CloudTrailEvent e) {
        s.out.embedded(e, s.recordIndex++, start, length);
      } else if (o instanceof ParseProblem p) {
        problem(s, start, "in the log file the text holds", "the text", p);
      }
    }
    s.out.unknownFieldRecords(summary.recordsWithUnknownFields());
    return true;
  }

  /**
   * Hands on the records and problems of {@code data}, decoded from the base64 text of the field {@code field} the file
   * holds from {@code start} for {@code length} bytes (Firehose's rawData, Kinesis's Data), as they are read, however
   * many (compressed data may hold many): whatever it is, a record, an EventBridge event, a CloudWatch Logs
   * subscription's gzip envelope, all it holds is kept; empty data is one problem, and data passed over as a file's
   * would be (another source's EventBridge event, a subscription's control message) takes its index and says nothing.
   */
  static void scanData(byte[] data, String field, ScanState s, long start, int length) {
    int before = s.out.yielded();
    ParseSummary summary = PARSER.parse(data, RecordSink.of(e -> s.out.embedded(e, s.recordIndex++, start, length),
        p -> problem(s, start, "in the data " + field + " holds", "the data", p)));
    s.out.unknownFieldRecords(summary.recordsWithUnknownFields());
    if (s.out.yielded() == before) {
      if (summary.format() == LogFormat.EMPTY) {
        s.out.problem(s.recordIndex, start, field + " is empty: it holds no CloudTrail record", "");
      }
      s.recordIndex++;
    }
  }

  /** A problem met {@code in} a text or its data, saying where: at a byte {@code of} it. */
  private static void problem(ScanState s, long start, String in, String of, ParseProblem p) {
    String at = p.byteOffset() > 0 ? " at byte " + p.byteOffset() + " of " + of : "";
    s.out.problem(s.recordIndex++, start, in + at + ": " + p.reason(), p.rawText());
  }
}
