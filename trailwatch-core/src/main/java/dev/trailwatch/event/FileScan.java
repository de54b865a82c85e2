// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * One pass over one decompressed file: walks the root values, finds record objects wherever the format puts
 * them, and after a syntax error resumes at the next object that parses. In JSON lines (one record a line) a
 * bad line is a problem of its own, with its index and whole text, and reading resumes at the next line. Not
 * reusable.
 */
final class FileScan {
  /** Where in a file an object sits, which decides what its fields mean. */
  private enum Context {
    /** A value at the top level of the file. */
    ROOT,
    /**
     * An element of an array at the top level: a record, or a whole log file or export page when the array gathers
     * several ({@code jq -s . *.json}), so it must say which, as a top-level object must.
     */
    TOP_ARRAY,
    /** An element of a container's array ({@code Records}, {@code Events}): a record because the file says so. */
    RECORDS,
    /** An element of CloudWatch Logs' {@code logEvents} or {@code events}: its {@code message} is the record. */
    LOG_EVENTS,
    /** An EventBridge event's {@code detail}: a record when it looks like one, else another service's event. */
    EVENTBRIDGE_DETAIL
  }

  private final ByteWindow window;
  private final ScanOutput out;
  private @Nullable JsonParser parser; // created in rootValues: creating it already reads the stream
  private long offsetBase; // absolute offset of the current parser's byte 0
  private long recordStart = -1; // absolute start of the record candidate being read, or -1
  private long indexedBy = -1; // the recordStart whose embedded record took a record index already
  private long lastEnd; // absolute end of the last object read completely
  private int recordIndex;
  private boolean sawRootValue;
  private boolean controlMessage;
  private boolean recovering;
  private boolean multiLineRecords; // a root object spanned lines: concatenated JSON, not JSON lines
  private boolean rootRecords; // a root object was a record (or held one embedded)
  private boolean rootContainers; // a root object held an array of records
  private boolean skipLine; // recovery starts by passing over the rest of the bad line
  private boolean resumeAtLineStart; // recovery starts at the start of a line

  FileScan(InputStream decompressed, RecordSink sink) throws IOException {
    this(decompressed, sink, 0, "");
  }

  /**
   * A scan of one file of an archive: its records' offsets are {@code origin} further on (where the file starts in the
   * archive's {@link ArchiveEntries} sequence, which the store cuts them out of), and its problems name it
   * ({@code within}) and give offsets in it.
   */
  FileScan(InputStream decompressed, RecordSink sink, long origin, String within) throws IOException {
    this.window = new ByteWindow(decompressed, LogFileParser.MAX_RECORD_BYTES);
    this.out = new ScanOutput(sink, origin, within);
  }

  ParseSummary run() throws IOException {
    long lastResume = -1;
    while (true) {
      try {
        if (recovering) {
          recoverScan();
        } else {
          rootValues();
        }
        break;
      } catch (JsonProcessingException e) {
        long at = errorOffset(e.getLocation());
        long mark = recordStart < 0 && !recovering ? window.byteOrderMark(Math.max(at - 3, offsetBase), at, lastEnd) : -1;
        if (mark >= 0) { // where a file began in several joined together (cat a.json b.json): read on after it
          offsetBase = mark + 3;
          window.keepFrom(offsetBase);
          window.seek(offsetBase);
          continue;
        }
        long from = recordStart >= 0 ? recordStart + 1 : Math.max(lastEnd, at - 1);
        boolean lines = startsBadLine(recordStart >= 0 ? recordStart : at);
        // A record cut short on its line is noticed on a later line (the parser read on into it): the lines after
        // the record's own are read again
        boolean nextLine = lines && recordStart >= 0 && window.lineEnd(recordStart) < at;
        boolean indexed = recordStart >= 0 && recordStart == indexedBy; // one line, one index, however it broke
        if (indexed) {
          recordIndex--;
        }
        if (lines) {
          badLine(SyntaxReasons.of(e), at, window.lineEnd(nextLine ? recordStart : at));
          from = nextLine ? window.lineEnd(recordStart) + 1 : at;
        } else if (lineMode()) {
          // junk after a record on its line: not a record of its own
          long junkStart = recordStart >= 0 ? recordStart : at;
          out.problem(-1, at, SyntaxReasons.of(e), beforeNextObject(window.textForProblem(junkStart, window.lineEnd(junkStart))));
          recordStart = -1;
        } else if (out.emittedSinceProblem() || !recovering) {
          long problemStart = recordStart >= 0 ? recordStart : Math.max(lastEnd, at - 1);
          out.problem(recordStart >= 0 ? recordIndex : -1, at, SyntaxReasons.of(e), window.textForProblem(problemStart, at + 1));
        }
        if (recordStart >= 0) {
          recordIndex++;
        }
        from = Math.max(from, lastResume + 1);
        if (!window.holds(from)) {
          from = window.position();
        }
        lastResume = from;
        window.keepFrom(from);
        window.seek(from);
        recordStart = -1;
        recovering = true;
        skipLine = lines && !nextLine;
        resumeAtLineStart = nextLine;
      } catch (ByteWindow.SourceReadException e) {
        // Bad content (truncated or corrupt compressed data, a broken archive); a failing disk or network is told
        // apart by whoever owns the file's stream (FileReader), which fails the file instead
        Throwable cause = e.getCause();
        String what = cause instanceof FileContent.CannotOpen ? cause.getMessage()
            : cause instanceof EOFException ? "file ends inside its compressed data (truncated?)"
            : (cause instanceof ZipException ? "corrupt gzip data: " : "corrupt data: ") + e.getMessage();
        out.problem(recordStart >= 0 ? recordIndex : -1, window.position(), what, recordStart >= 0 ? window.textForProblem(recordStart, window.position()) : "");
        break;
      }
    }
    return out.summary(sawRootValue, window.position());
  }

  /**
   * JSON lines so far: records at the top level (plain, or embedded as lookup-events lines are), each on a line
   * of its own, and no container of records ({@code Records}, {@code Events}, {@code logEvents}).
   */
  private boolean lineMode() {
    return rootRecords && !rootContainers && !multiLineRecords;
  }

  /**
   * True when what went wrong at {@code start} begins a line of JSON lines: nothing of an earlier record on
   * its line, in a file read as JSON lines so far (or, before any record, with an object opening a later line).
   * Such a line is a bad record of its own and reading resumes at the next line.
   */
  private boolean startsBadLine(long start) {
    boolean lines = lineMode() || out.format() == null && !multiLineRecords && window.nextLineStartsWith(start, '{');
    return lines && window.lineStart(start) >= lastEnd;
  }

  /** A bad line of JSON lines, ending at {@code end}: its whole text is kept, and it takes a record's place (its index). */
  private void badLine(String reason, long at, long end) {
    long start = recordStart >= 0 ? recordStart : Math.max(lastEnd, window.lineStart(at));
    out.problem(recordStart >= 0 ? recordIndex : recordIndex++, at, reason, window.textForProblem(start, end).strip());
  }

  /** The text up to the next object after its first character (which may itself open the broken object). */
  private static String beforeNextObject(String text) {
    int brace = text.indexOf('{', 1);
    return (brace < 0 ? text : text.substring(0, brace)).strip();
  }

  private void rootValues() throws IOException {
    parser = LogFileParser.parserOver(window);
    JsonToken t;
    while ((t = p().nextToken()) != null) {
      sawRootValue = true;
      long start = tokenStart();
      switch (t) {
        case START_OBJECT -> object(start, Context.ROOT);
        case START_ARRAY -> {
          out.format(LogFormat.JSON_ARRAY);
          arrayElements(Context.TOP_ARRAY); // the array is open already
        }
        default -> {
          String reason = "a JSON " + SyntaxReasons.describe(t) + " at the top level is not a CloudTrail record or log file";
          if (startsBadLine(start)) {
            throw new SyntaxReasons.BadLine(p(), reason); // the line it starts is a bad line of JSON lines
          }
          p().skipChildren();
          out.problem(-1, start, reason, "");
        }
      }
      lastEnd = p().currentLocation().getByteOffset() + offsetBase;
    }
  }

  /**
   * After a syntax error: find the next object that starts where a record can start (after {@code [},
   * {@code ,} or the end of another value, never after a {@code :}), read it, and go on from its end.
   * Fragments that are not records are passed over silently: the error was reported once.
   */
  private void recoverScan() throws IOException {
    recovering = true;
    int c;
    int previous = ',';
    boolean lineStart = resumeAtLineStart;
    boolean recordOnLine = false;
    boolean skipping = skipLine;
    skipLine = false;
    resumeAtLineStart = false;
    while ((c = window.read()) >= 0) {
      if (c == '\n') {
        lineStart = true;
        recordOnLine = false;
        skipping = false;
        continue;
      }
      if (skipping || c == ' ' || c == '\r' || c == '\t') {
        continue;
      }
      boolean firstOnLine = lineStart;
      lineStart = false;
      if (c != '{') {
        if ((firstOnLine || recordOnLine) && lineMode()) {
          long start = window.position() - 1;
          String text = window.textForProblem(start, window.lineEnd(start)).strip();
          if (firstOnLine) {
            out.problem(recordIndex++, start, "invalid JSON: a line that is not a JSON object", text);
          } else {
            out.problem(-1, start, "invalid JSON: text after the record on its line", text);
          }
          skipping = true;
        }
        previous = c;
        continue;
      }
      // A record starts a line (JSON lines) or follows another value, never a ':'
      if (!firstOnLine && previous != ',' && previous != '[' && previous != '}' && previous != ']') {
        previous = c;
        continue;
      }
      previous = '}';
      long start = window.position() - 1;
      window.keepFrom(start);
      window.seek(start);
      parser = LogFileParser.parserOver(window);
      offsetBase = start;
      p().nextToken();
      sawRootValue = true;
      object(start, Context.ROOT);
      recordOnLine = true;
      long end = offsetBase + p().currentTokenLocation().getByteOffset() + 1;
      lastEnd = end;
      if (window.holds(end)) {
        window.seek(end);
      }
    }
  }

  /** The array a container's field holds ({@code "Records": [...]}). */
  private void elements(Context ctx, String field) throws IOException {
    JsonToken t = p().nextToken();
    if (t == JsonToken.START_ARRAY) {
      arrayElements(ctx);
      return;
    }
    long start = tokenStart();
    p().skipChildren();
    if (t != JsonToken.VALUE_NULL) { // "Records": null holds nothing; anything else should have been an array
      out.problem(-1, start, "\"" + field + "\" holds a JSON " + SyntaxReasons.describe(t) + ", not an array of records", "");
    }
  }

  /** The elements of the array just opened, each a record. */
  private void arrayElements(Context ctx) throws IOException {
    JsonToken t;
    while ((t = p().nextToken()) != JsonToken.END_ARRAY && t != null) {
      long start = tokenStart();
      if (t == JsonToken.START_OBJECT) {
        object(start, ctx);
      } else {
        p().skipChildren();
        out.problem(recordIndex++, start, "a JSON " + SyntaxReasons.describe(t) + " where a record object was expected", "");
      }
    }
  }

  private void object(long start, Context ctx) throws IOException {
    int startLine = ctx == Context.ROOT ? p().currentTokenLocation().getLineNr() : 0; // records of a file are not lines
    RecordFields f = new RecordFields();
    boolean container = false;
    boolean embedded = false;
    boolean digest = false;
    // An object embedded in a top-level one (an EventBridge detail, a lookup-events record after fromjson) is read
    // as part of it: should it break, the whole outer object (its line) is the bad record
    boolean nested = recordStart >= 0;
    if (!nested) {
      recordStart = start;
      window.keepFrom(start);
    }
    while (p().nextToken() == JsonToken.FIELD_NAME) {
      String name = p().currentName();
      if (f.field(name, p(), offsetBase)) {
        continue;
      }
      // Where a file's own structure can be: not in a record (CloudTrail writes eventVersion first), whose fields these are
      boolean top = (ctx == Context.ROOT || ctx == Context.TOP_ARRAY) && !f.recordLike;
      switch (name) {
        case "Records", "logEvents", "events", "Events", "results", "hits" -> {
          if (top) {
            container = true;
            container(name);
          } else {
            f.unknown(p());
          }
        }
        case "messageType" -> controlMessage = "CONTROL_MESSAGE".equals(RecordFields.scalar(p()));
        case "CloudTrailEvent" -> embedded = embedded(LogFormat.LOOKUP_EVENTS) || embedded;
        case "detail", "_source", "result", "@message" -> {
          if (top) {
            embedded = wrapped(name) || embedded;
          } else {
            f.unknown(p());
          }
        }
        case "message" -> {
          if (ctx == Context.LOG_EVENTS && controlMessage) {
            RecordFields.skipValue(p()); // "CWL CONTROL MESSAGE: …", sent to test the subscription
          } else if (ctx == Context.LOG_EVENTS) {
            embedded = embedded(LogFormat.CLOUDWATCH_LOGS) || embedded;
          } else {
            f.unknown(p());
          }
        }
        case "digestStartTime", "digestEndTime", "digestS3Object", "digestSignatureAlgorithm",
            "previousDigestSignature", "logFiles", "digestPublicKeyFingerprint" -> {
          digest = true;
          RecordFields.skipValue(p());
        }
        default -> f.unknown(p());
      }
    }
    long end = offsetBase + p().currentTokenLocation().getByteOffset() + 1;
    if (nested) {
      indexedBy = recordStart;
    } else {
      recordStart = -1;
      lastEnd = end;
    }
    if (ctx == Context.ROOT && p().currentTokenLocation().getLineNr() != startLine) {
      multiLineRecords = true;
    }
    if (ctx == Context.ROOT) {
      rootContainers |= container;
      rootRecords |= embedded && !container;
    }
    if (!container && !embedded && !(ctx == Context.LOG_EVENTS && controlMessage)) {
      record(f, start, end, ctx, digest);
    }
  }

  /** An object read whole that neither held records nor carried one: a record, a digest, or a problem. */
  private void record(RecordFields f, long start, long end, Context ctx, boolean digest) {
    if (digest && ctx == Context.ROOT && !f.recordLike) {
      out.format(LogFormat.DIGEST);
      return;
    }
    int index = recordIndex++;
    if (!f.recordLike && ctx == Context.ROOT && recovering && !lineMode()) {
      recordIndex--;
      return; // a fragment of the broken region
    }
    if (!f.recordLike && ctx == Context.EVENTBRIDGE_DETAIL) {
      return; // an event of another source (an EC2 state change, …) on the same bus: not CloudTrail's, not bad
    }
    if (!f.recordLike && (ctx == Context.ROOT || ctx == Context.TOP_ARRAY || ctx == Context.LOG_EVENTS)) {
      // An element of "Records" is a record because the file says so, however odd its fields; a bare object elsewhere
      // must look like one, and so must a log event without a message (another tool's "events")
      out.problem(index, start, "an object with none of eventVersion, eventTime, eventSource, eventName, eventID is not a CloudTrail record", window.textForProblem(start, end));
      return;
    }
    if (window.overflowed()) {
      out.problem(index, start, "record is larger than the " + (LogFileParser.MAX_RECORD_BYTES >> 20) + " MiB limit (" + (end - start) + " bytes); skipped", "");
      return;
    }
    if (ctx == Context.ROOT) {
      out.format(LogFormat.JSON_LINES);
      rootRecords = true;
    }
    byte[] bytes = window.slice(start, end);
    out.record(f, bytes, start, index, start, bytes.length, false);
  }

  /** The records a container's field {@code name} holds, just named; they are records of their own. */
  private void container(String name) throws IOException {
    recordStart = -1;
    switch (name) {
      case "results" -> resultRows(); // Logs Insights' or Splunk's: the rows say which
      case "hits" -> searchHits();
      default -> {
        out.format(switch (name) {
          case "Records" -> LogFormat.RECORDS;
          case "Events" -> LogFormat.LOOKUP_EVENTS;
          default -> LogFormat.CLOUDWATCH_LOGS; // a subscription's logEvents, filter-log-events
        });
        elements("Records".equals(name) || "Events".equals(name) ? Context.RECORDS : Context.LOG_EVENTS, name);
      }
    }
    recordStart = -1;
  }

  /** The record that a wrapper's field {@code name}, just named, carries; true when it carried one (or a bad one). */
  private boolean wrapped(String name) throws IOException {
    return switch (name) {
      // decided by the detail's fields, not by detail-type, which may come after it (jq -S sorts keys)
      case "detail" -> nestedObject(Context.EVENTBRIDGE_DETAIL, LogFormat.EVENTBRIDGE);
      case "_source" -> nestedObject(Context.TOP_ARRAY, LogFormat.SEARCH_INDEX); // a line of an index's dump, a search's hit
      case "result" -> { // a line of Splunk's export: {"preview":false,"offset":0,"result":{"_raw":"…",…}}
        if (p().nextToken() == JsonToken.START_OBJECT) {
          yield splunkResult(tokenStart());
        }
        p().skipChildren();
        yield false;
      }
      default -> embedded(LogFormat.CLOUDWATCH_LOGS); // @message: a row of Logs Insights results exported as an object
    };
  }

  /**
   * The object a wrapper's field holds, read as the record it carries: an EventBridge event's {@code detail} (any other
   * event on the same bus, an EC2 state change, is passed over: no CloudTrail record, and no bad input either), a
   * search index's {@code _source}. False when the field holds no object.
   */
  private boolean nestedObject(Context ctx, LogFormat as) throws IOException {
    int keyLine = p().currentTokenLocation().getLineNr();
    if (p().nextToken() == JsonToken.START_OBJECT) {
      return nestedRecord(keyLine, ctx, as);
    }
    p().skipChildren();
    return false;
  }

  /** The {@code hits} of a search response ({"hits":{"hits":[{"_source":{…}}, …]}}), just named: its own {@code hits} array holds the documents. */
  private void searchHits() throws IOException {
    if (p().nextToken() != JsonToken.START_OBJECT) {
      p().skipChildren();
      return;
    }
    while (p().nextToken() == JsonToken.FIELD_NAME) {
      boolean hits = "hits".equals(p().currentName());
      if (p().nextToken() == JsonToken.START_ARRAY && hits) {
        arrayElements(Context.TOP_ARRAY);
      } else {
        p().skipChildren();
      }
    }
  }

  /**
   * The object just opened, read as the record its outer object carries, unless it starts on a later line than its
   * key (then skipped, and false): no writer puts a line break there, but a line of JSON lines cut after its key
   * does, and the object is then the next line's, which is read again as its own once this line is found broken.
   * The format is set once the object is read: a first line that breaks inside it is still a bad line of JSON lines.
   */
  private boolean nestedRecord(int keyLine, Context ctx, LogFormat as) throws IOException {
    if (p().currentTokenLocation().getLineNr() != keyLine) {
      p().skipChildren();
      return false;
    }
    object(tokenStart(), ctx);
    out.format(as);
    return true;
  }

  /**
   * The rows of query results: CloudWatch Logs Insights' ({@code aws logs get-query-results}), each row an array of
   * {@code {"field": …, "value": …}} cells whose {@code @message} cell holds the record as a string, or Splunk's
   * ({@code output_mode=json}), each row an object whose {@code _raw} holds it. Rows without one (a query that did not
   * select it) hold no record: they are counted in one problem that says what to do.
   */
  private void resultRows() throws IOException {
    JsonToken t = p().nextToken();
    long start = tokenStart();
    if (t != JsonToken.START_ARRAY) {
      p().skipChildren();
      if (t != JsonToken.VALUE_NULL) {
        out.problem(-1, start, "\"results\" holds a JSON " + SyntaxReasons.describe(t) + ", not rows of query results", "");
      }
      return;
    }
    int withoutEvent = 0;
    while ((t = p().nextToken()) != JsonToken.END_ARRAY && t != null) {
      boolean event = t == JsonToken.START_ARRAY ? insightsRow() : t == JsonToken.START_OBJECT && splunkResult(tokenStart());
      if (!event) {
        p().skipChildren();
        withoutEvent++;
      }
    }
    if (withoutEvent > 0) {
      out.problem(-1, start, withoutEvent + (withoutEvent == 1 ? " row of these query results holds" : " rows of these query results hold") + " no whole event "
          + "(@message in Logs Insights, _raw in Splunk): query with `fields @message`, or keep _raw, to ingest them", "");
    }
  }

  /** One row of Logs Insights results, just opened: true when a cell held its {@code @message}. */
  private boolean insightsRow() throws IOException {
    boolean message = false;
    JsonToken t;
    while ((t = p().nextToken()) != JsonToken.END_ARRAY && t != null) {
      if (t != JsonToken.START_OBJECT) {
        p().skipChildren();
        continue;
      }
      recordStart = tokenStart();
      window.keepFrom(recordStart);
      String field = null;
      EmbeddedText valueFirst = null; // a value met before its field name (keys in any order)
      while (p().nextToken() == JsonToken.FIELD_NAME) {
        if ("field".equals(p().currentName())) {
          field = RecordFields.scalar(p());
        } else if (!"value".equals(p().currentName())) {
          RecordFields.skipValue(p());
        } else if ("@message".equals(field)) {
          message = embedded(LogFormat.CLOUDWATCH_LOGS) || message;
        } else if (p().nextToken() == JsonToken.VALUE_STRING && field == null) {
          valueFirst = new EmbeddedText(tokenStart(), p().getText(), offsetBase + p().currentLocation().getByteOffset());
        } else {
          p().skipChildren();
        }
      }
      if (valueFirst != null && "@message".equals(field)) {
        out.format(LogFormat.CLOUDWATCH_LOGS);
        embeddedText(valueFirst);
        message = true;
      }
      lastEnd = offsetBase + p().currentTokenLocation().getByteOffset() + 1;
      recordStart = -1;
    }
    return message;
  }

  /**
   * A Splunk result, just opened at {@code start}: its {@code _raw} is the record as text; true when it had one. Its
   * own record when it is a row of results, else part of the line that holds it.
   */
  private boolean splunkResult(long start) throws IOException {
    boolean row = recordStart < 0;
    if (row) {
      recordStart = start;
      window.keepFrom(start);
    }
    boolean found = false;
    while (p().nextToken() == JsonToken.FIELD_NAME) {
      if (!found && "_raw".equals(p().currentName())) {
        found = embedded(LogFormat.SPLUNK);
      } else {
        RecordFields.skipValue(p());
      }
    }
    if (row) {
      lastEnd = offsetBase + p().currentTokenLocation().getByteOffset() + 1;
      recordStart = -1;
    }
    return found;
  }

  /** A record delivered as a JSON string: where the string starts and ends in the file, and its text. */
  private record EmbeddedText(long start, String text, long end) {}

  /** The record delivered as a JSON string (CloudWatch Logs message, lookup-events CloudTrailEvent). */
  private boolean embedded(LogFormat as) throws IOException {
    int keyLine = p().currentTokenLocation().getLineNr();
    JsonToken t = p().nextToken();
    if (t == JsonToken.START_OBJECT) { // the record as an object, not a string (an export passed through jq's fromjson)
      return nestedRecord(keyLine, Context.RECORDS, as);
    }
    if (t != JsonToken.VALUE_STRING) {
      p().skipChildren();
      return false;
    }
    out.format(as);
    embeddedText(new EmbeddedText(tokenStart(), p().getText(), offsetBase + p().currentLocation().getByteOffset()));
    return true;
  }

  private void embeddedText(EmbeddedText embedded) throws IOException {
    long start = embedded.start();
    String text = embedded.text();
    long end = embedded.end();
    int index = recordIndex++;
    indexedBy = recordStart;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    RecordFields.OfText parsed = RecordFields.ofText(bytes);
    RecordFields f = parsed.fields();
    if (f == null) {
      out.problem(index, start, parsed.problem(), text);
      return;
    }
    out.record(f, bytes, 0, index, start, (int) (end - start), true);
  }

  /** The current parser; only called while one is open. */
  private JsonParser p() {
    JsonParser current = parser;
    if (current == null) {
      throw new IllegalStateException("no parser yet");
    }
    return current;
  }

  private long tokenStart() {
    return offsetBase + p().currentTokenLocation().getByteOffset();
  }

  private long errorOffset(@Nullable JsonLocation location) {
    long at = location == null ? -1 : location.getByteOffset();
    return at < 0 ? window.position() : offsetBase + at;
  }
}
