// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import org.jspecify.annotations.Nullable;

/**
 * What an object the scan read whole is, when it neither held records nor carried one: a record, a digest, something
 * passed over (a fragment of a broken region, another source's event, a file of AWS Config's), or a problem that says why it is no record.
 */
final class RecordVerdict {
  private RecordVerdict() {}

  /**
   * An object read whole that neither held records nor carried one: a record, a file kept {@code apart} (a digest, AWS
   * Config's), or a problem ({@code messaged}: a log document whose message held no record).
   */
  static void judge(ScanState s, RecordFields f, long start, long end, ScanContext ctx, @Nullable LogFormat apart, boolean messaged) {
    if (!f.recordLike && ctx == ScanContext.DOCUMENT_EVENT) {
      return; // ECS's event without its original: the document it is part of is the problem
    }
    if (apart != null && ctx == ScanContext.ROOT && !f.recordLike) {
      s.out.format(apart);
      return;
    }
    int index = s.recordIndex++;
    if (!f.recordLike && ctx == ScanContext.ROOT && s.recovering && !s.lineMode()) {
      s.recordIndex--;
      return; // a fragment of the broken region
    }
    if (!f.recordLike && ctx == ScanContext.EVENTBRIDGE_DETAIL) {
      return; // an event of another source (an EC2 state change, …) on the same bus: not CloudTrail's, not bad
    }
    if (!f.recordLike && ctx == ScanContext.SOURCE) {
      s.out.problem(index, start, "a stored document (a search index's _source, Datadog's attributes) that is no CloudTrail record and holds none as its message or event.original "
          + "(Elastic's AWS integration keeps event.original only with the preserve_original_event tag)", s.window.textForProblem(start, end));
      return;
    }
    if (!f.recordLike && messaged) { // (a SOURCE document was judged above)
      s.out.problem(index, start, "a log document whose message is no CloudTrail record", s.window.textForProblem(start, end));
      return;
    }
    if (!f.recordLike && (ctx == ScanContext.ROOT || ctx == ScanContext.TOP_ARRAY || ctx == ScanContext.LOG_EVENTS)) {
      // An element of "Records" is a record because the file says so, however odd its fields; a bare object elsewhere
      // must look like one, and so must a log event without a message (another tool's "events")
      s.out.problem(index, start, f.queryColumns
          ? "a row of query results with CloudTrail's fields in lower case (eventname, eventsource: Athena, CloudTrail Lake) is "
              + "not a CloudTrail record and holds none: read the trail's own files instead"
          : "an object with none of eventVersion, eventTime, eventSource, eventName, eventID is not a CloudTrail record",
          s.window.textForProblem(start, end));
      return;
    }
    String notCloudTrail = f.notCloudTrail();
    if (notCloudTrail != null) {
      s.out.problem(index, start, notCloudTrail, s.window.textForProblem(start, end));
      return;
    }
    if (s.window.overflowed()) {
      s.out.problem(index, start, "record is larger than the " + (LogFileParser.MAX_RECORD_BYTES >> 20) + " MiB limit (" + (end - start) + " bytes); skipped", "");
      return;
    }
    if (ctx == ScanContext.ROOT) {
      s.out.format(LogFormat.JSON_LINES);
      s.rootRecords = true;
    }
    byte[] bytes = s.window.slice(start, end);
    s.out.record(f, bytes, start, index, start, bytes.length, false);
  }
}
