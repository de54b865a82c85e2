// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * One pass over one decompressed file: walks the root values, finds record objects wherever the format puts
 * them, and after a syntax error resumes at the next object that parses. In JSON lines (one record a line) a
 * bad line is a problem of its own, with its index and whole text, and reading resumes at the next line. Not
 * reusable.
 */
final class FileScan {
  private final ScanState s;
  private final ScanRecovery recovery;
  private final QueryResults results;
  private final ShipperDocuments documents;
  private final Wrappers wrappers;
  private boolean controlMessage;

  FileScan(InputStream decompressed, RecordSink sink) throws IOException {
    this(decompressed, sink, 0, "");
  }

  /**
   * A scan of one file of an archive: its records' offsets are {@code origin} further on (where the file starts in the
   * archive's {@link ArchiveEntries} sequence, which the store cuts them out of), and its problems name it
   * ({@code within}) and give offsets in it.
   */
  FileScan(InputStream decompressed, RecordSink sink, long origin, String within) throws IOException {
    this.s = new ScanState(new ByteWindow(decompressed, LogFileParser.MAX_RECORD_BYTES), new ScanOutput(sink, origin, within));
    this.recovery = new ScanRecovery(s, this);
    this.wrappers = new Wrappers(s, this);
    this.results = new QueryResults(s, this, wrappers);
    this.documents = new ShipperDocuments(s, wrappers);
  }

  ParseSummary run() throws IOException {
    while (true) {
      try {
        if (s.recovering) {
          recovery.scanOn();
        } else {
          rootValues();
        }
        break;
      } catch (JsonProcessingException e) {
        recovery.afterSyntaxError(e);
      } catch (ByteWindow.SourceReadException e) {
        recovery.afterSourceError(e);
        break;
      }
    }
    return s.out.summary(s.sawRootValue, s.window.position());
  }

  private void rootValues() throws IOException {
    s.newParser();
    JsonToken t;
    while ((t = s.p().nextToken()) != null) {
      s.sawRootValue = true;
      long start = s.tokenStart();
      switch (t) {
        case START_OBJECT -> object(start, ScanContext.ROOT);
        case START_ARRAY -> {
          s.out.format(LogFormat.JSON_ARRAY);
          arrayElements(ScanContext.TOP_ARRAY); // the array is open already
        }
        default -> {
          String reason = "a JSON " + SyntaxReasons.describe(t) + " at the top level is not a CloudTrail record or log file";
          if (s.startsBadLine(start)) {
            throw new SyntaxReasons.BadLine(s.p(), reason); // the line it starts is a bad line of JSON lines
          }
          s.p().skipChildren();
          s.out.problem(-1, start, reason, "");
        }
      }
      s.lastEnd = s.readTo();
    }
  }

  /** The array a container's field holds ({@code "Records": [...]}). */
  private void elements(ScanContext ctx, String field) throws IOException {
    JsonToken t = s.p().nextToken();
    if (t == JsonToken.START_ARRAY) {
      arrayElements(ctx);
      return;
    }
    long start = s.tokenStart();
    s.p().skipChildren();
    if (t != JsonToken.VALUE_NULL) { // "Records": null holds nothing; anything else should have been an array
      s.out.problem(-1, start, "\"" + field + "\" holds a JSON " + SyntaxReasons.describe(t) + ", not an array of records", "");
    }
  }

  /** An object at the top level, just opened at {@code start} (where reading resumes after a syntax error). */
  void rootObject(long start) throws IOException {
    object(start, ScanContext.ROOT);
  }

  /** The documents of a search response's {@code hits} array, just opened. */
  void documents() throws IOException {
    arrayElements(ScanContext.TOP_ARRAY);
  }

  /** The elements of the array just opened, each a record. */
  private void arrayElements(ScanContext ctx) throws IOException {
    JsonToken t;
    while ((t = s.p().nextToken()) != JsonToken.END_ARRAY && t != null) {
      long start = s.tokenStart();
      if (t == JsonToken.START_OBJECT) {
        object(start, ctx);
      } else {
        s.p().skipChildren();
        s.out.problem(s.recordIndex++, start, "a JSON " + SyntaxReasons.describe(t) + " where a record object was expected", "");
      }
    }
  }

  private void object(long start, ScanContext ctx) throws IOException {
    int startLine = ctx == ScanContext.ROOT ? s.p().currentTokenLocation().getLineNr() : 0; // records of a file are not lines
    RecordFields f = new RecordFields();
    boolean container = false;
    boolean embedded = false;
    @Nullable LogFormat apart = null; // a file of CloudTrail's, or of a service beside it, that holds no events: kept apart
    boolean shipped = false; // a shipper's document, its record in message, _raw, log or event (ECS's, Splunk HEC's)
    boolean messaged = false;
    boolean backedUp = false; // a record's data in base64: a Firehose backup's rawData, a Kinesis record's Data
    boolean bulkAction = false;
    int findingKeys = 0; // GuardDuty's: schemaVersion 1, severity 2, title 4
    int fields = 0;
    // An object embedded in a top-level one (an EventBridge detail, a lookup-events record after fromjson) is read
    // as part of it: should it break, the whole outer object (its line) is the bad record
    boolean nested = s.recordStart >= 0;
    if (!nested) {
      s.recordAt(start);
      wrappers.documentStarts();
    }
    while (s.p().nextToken() == JsonToken.FIELD_NAME) {
      String name = s.p().currentName();
      fields++;
      if (f.field(name, s.p(), s.offsetBase)) {
        continue;
      }
      // Where a file's own structure can be: not in a record (CloudTrail writes eventVersion first), whose fields these are
      boolean top = (ctx == ScanContext.ROOT || ctx == ScanContext.TOP_ARRAY || ctx == ScanContext.SOURCE) && !f.recordLike;
      switch (name) {
        case "Records", "logEvents", "events", "Events", "results", "hits", "data", "messages" -> {
          if (top) {
            container = container(name) || container;
          } else {
            f.unknown(s.p());
          }
        }
        case "messageType" -> controlMessage = "CONTROL_MESSAGE".equals(RecordFields.scalar(s.p()));
        case "CloudTrailEvent" -> embedded = wrappers.embedded(LogFormat.LOOKUP_EVENTS) || embedded;
        case "detail", "_source", "attributes", "@message", "line" -> {
          if (top && !shipped) {
            embedded = wrappers.wrapped(name) || embedded;
          } else {
            f.unknown(s.p());
          }
        }
        case "result" -> { // a line of Splunk's export: {"preview":false,"offset":0,"result":{"_raw":"…",…}}
          if (top && !shipped) {
            embedded = s.nextIs(JsonToken.START_OBJECT) && results.splunkResult(s.tokenStart()) || embedded;
          } else {
            f.unknown(s.p());
          }
        }
        case "message", "_raw", "log" -> {
          if (ctx == ScanContext.LOG_EVENTS && controlMessage) {
            RecordFields.skipValue(s.p()); // "CWL CONTROL MESSAGE: …", sent to test the subscription
          } else if (ctx == ScanContext.LOG_EVENTS && "message".equals(name)) {
            embedded = wrappers.embedded(LogFormat.CLOUDWATCH_LOGS) || embedded;
          } else if (top && !embedded) {
            messaged = true;
            shipped = documents.documentText(name) || shipped;
          } else {
            f.unknown(s.p());
          }
        }
        case "event" -> {
          if (top && !embedded) {
            shipped = documents.documentText(name) || shipped;
          } else {
            f.unknown(s.p());
          }
        }
        case "original" -> {
          if (ctx == ScanContext.DOCUMENT_EVENT && !f.recordLike) {
            shipped = documents.recordText() || shipped;
          } else {
            f.unknown(s.p());
          }
        }
        case "rawData", "Data" -> { // Firehose's backup of a failed delivery; a Kinesis stream's record (get-records)
          if ("rawData".equals(name) ? top && !embedded && !shipped : ctx == ScanContext.RECORDS && !f.recordLike) {
            backedUp = documents.rawData(name) || backedUp;
          } else {
            f.unknown(s.p());
          }
        }
        case "index", "create", "update", "delete" -> {
          if (ctx == ScanContext.ROOT && !f.recordLike) { // a line of an Elasticsearch _bulk body, if it has no other field
            bulkAction = s.p().nextToken() == JsonToken.START_OBJECT;
            s.p().skipChildren();
          } else {
            f.unknown(s.p());
          }
        }
        case "digestStartTime", "digestEndTime", "digestS3Object", "digestSignatureAlgorithm",
            "previousDigestSignature", "logFiles", "digestPublicKeyFingerprint" -> {
          apart = LogFormat.DIGEST;
          RecordFields.skipValue(s.p());
        }
        case "configurationItems", "configSnapshotId" -> { // AWS Config's history and snapshots, in the same log archive
          apart = apart == null ? LogFormat.AWS_CONFIG : apart;
          RecordFields.skipValue(s.p());
        }
        case "schemaVersion", "severity", "title" -> { // a GuardDuty finding's, exported to the same log archive
          findingKeys |= top ? ("schemaVersion".equals(name) ? 1 : "severity".equals(name) ? 2 : 4) : 0;
          f.unknown(s.p());
        }
        default -> f.unknown(s.p());
      }
    }
    long end = s.tokenEnd();
    if (nested) {
      s.indexedBy = s.recordStart;
    } else {
      s.recordStart = -1;
      s.lastEnd = end;
      wrappers.documentEnds();
    }
    if (ctx == ScanContext.ROOT && s.p().currentTokenLocation().getLineNr() != startLine) {
      s.multiLineRecords = true;
    }
    embedded |= shipped || backedUp;
    if ((shipped || backedUp) && ctx == ScanContext.ROOT) { // set once the document is whole, as a search index's is
      s.out.format(shipped ? LogFormat.SHIPPER_DOCUMENTS : LogFormat.FIREHOSE_BACKUP);
    } else if (backedUp && ctx == ScanContext.RECORDS) {
      s.out.refine(LogFormat.RECORDS, LogFormat.KINESIS); // Records whose elements hold their data: a stream's
    }
    if (ctx == ScanContext.ROOT) {
      s.rootContainers |= container;
      s.rootRecords |= embedded && !container;
    }
    if (findingKeys == 7 && apart == null) {
      apart = LogFormat.GUARDDUTY;
    }
    boolean passedOver = ctx == ScanContext.LOG_EVENTS && controlMessage
        || bulkAction && fields == 1; // {"index":{…}}: the document it indexes is the next line
    if (!container && !embedded && !passedOver) {
      RecordVerdict.judge(s, f, start, end, ctx, apart, messaged);
    }
  }

  /**
   * The records a container's field {@code name} holds, just named; they are records of their own. False when the
   * field turned out to hold no container (a {@code data} that is not Loki's, {@code messages} that are not Sumo
   * Logic's).
   */
  private boolean container(String name) throws IOException {
    if ("data".equals(name)) {
      return results.lokiData(); // Loki's query API response, if it is one: its streams hold the lines
    }
    if ("messages".equals(name)) {
      return results.sumoMessages(); // Sumo Logic's, if they are (Splunk names its notices so too)
    }
    s.recordStart = -1;
    switch (name) {
      case "results" -> results.rows(); // Logs Insights' or Splunk's: the rows say which
      case "hits" -> results.searchHits();
      default -> {
        s.out.format(switch (name) {
          case "Records" -> LogFormat.RECORDS;
          case "Events" -> LogFormat.LOOKUP_EVENTS;
          default -> LogFormat.CLOUDWATCH_LOGS; // a subscription's logEvents, filter-log-events
        });
        elements("Records".equals(name) || "Events".equals(name) ? ScanContext.RECORDS : ScanContext.LOG_EVENTS, name);
      }
    }
    s.recordStart = -1;
    return true;
  }

  /** An object just opened inside the one being read, read as the context {@code ctx} says. */
  void objectHere(ScanContext ctx) throws IOException {
    object(s.tokenStart(), ctx);
  }
}
