// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where one scan of a file is: its bytes, the parser over them, the record being read, and what the file has shown
 * itself to be so far. Shared by the parts of the scan ({@link FileScan} walks the file's structure,
 * {@link QueryResults} reads other tools' results, {@link ShipperDocuments} the records shippers' documents carry,
 * {@link Wrappers} those of other wrappers, {@link ScanRecovery} reads on after an error), so that each offset and
 * index has one owner.
 */
final class ScanState {
  final ByteWindow window;
  final ScanOutput out;
  private @Nullable JsonParser parser; // created by the first part to read: creating one already reads the stream
  long offsetBase; // absolute offset of the current parser's byte 0
  long recordStart = -1; // absolute start of the record candidate being read, or -1
  long indexedBy = -1; // the recordStart whose embedded record took a record index already
  long lastEnd; // absolute end of the last object read completely
  int recordIndex;
  boolean sawRootValue;
  boolean recovering; // after a syntax error: records are looked for, fragments passed over
  boolean multiLineRecords; // a root object spanned lines: concatenated JSON, not JSON lines
  boolean rootRecords; // a root object was a record (or held one embedded)
  boolean rootContainers; // a root object held an array of records

  ScanState(ByteWindow window, ScanOutput out) {
    this.window = window;
    this.out = out;
  }

  /** A new parser over the file from where the window is, {@link #offsetBase}. */
  void newParser() throws IOException {
    parser = LogFileParser.parserOver(window);
  }

  /** A new parser over the file from {@code start} on, which the window then holds. */
  void parseFrom(long start) throws IOException {
    window.keepFrom(start);
    window.seek(start);
    offsetBase = start;
    newParser();
  }

  /** The current parser; only called while one is open. */
  JsonParser p() {
    JsonParser current = parser;
    if (current == null) {
      throw new IllegalStateException("no parser yet");
    }
    return current;
  }

  /** Reads the next value: true when it starts with {@code kind} (an object or array then just opened); else skips it whole. */
  boolean nextIs(JsonToken kind) throws IOException {
    if (p().nextToken() == kind) {
      return true;
    }
    p().skipChildren();
    return false;
  }

  /** On a field's name: true when it is {@code name} and its value starts with {@code kind}; else skips the value whole. */
  boolean fieldIs(String name, JsonToken kind) throws IOException {
    if (name.equals(p().currentName())) {
      return nextIs(kind);
    }
    RecordFields.skipValue(p());
    return false;
  }

  /** In an array just opened: true on its next element that starts with {@code kind}, others skipped whole; false at its end. */
  boolean nextElement(JsonToken kind) throws IOException {
    for (JsonToken t = p().nextToken(); t != JsonToken.END_ARRAY && t != null; t = p().nextToken()) {
      if (t == kind) {
        return true;
      }
      p().skipChildren();
    }
    return false;
  }

  /** Where the current token starts in the file. */
  long tokenStart() {
    return offsetBase + p().currentTokenLocation().getByteOffset();
  }

  /** Where the current token, a closing bracket, ends in the file. */
  long tokenEnd() {
    return tokenStart() + 1;
  }

  /** Where the parser has read to in the file. */
  long readTo() {
    return offsetBase + p().currentLocation().getByteOffset();
  }

  long errorOffset(@Nullable JsonLocation location) {
    long at = location == null ? -1 : location.getByteOffset();
    return at < 0 ? window.position() : offsetBase + at;
  }

  /** The object starting at {@code start} is a record candidate: the window keeps it until it is read. */
  void recordAt(long start) {
    recordStart = start;
    window.keepFrom(start);
  }

  /**
   * JSON lines so far: records at the top level (plain, or embedded as lookup-events lines are), each on a line
   * of its own, and no container of records ({@code Records}, {@code Events}, {@code logEvents}).
   */
  boolean lineMode() {
    return rootRecords && !rootContainers && !multiLineRecords;
  }

  /**
   * True when what went wrong at {@code start} begins a line of JSON lines: nothing of an earlier record on
   * its line, in a file read as JSON lines so far (or, before any record, with an object opening a later line).
   * Such a line is a bad record of its own and reading resumes at the next line.
   */
  boolean startsBadLine(long start) {
    boolean lines = lineMode() || out.format() == null && !multiLineRecords && window.nextLineStartsWith(start, '{');
    return lines && window.lineStart(start) >= lastEnd;
  }

  /**
   * The records delivered as the JSON string {@code text}, which the file holds from {@code start} to {@code end}
   * (a CloudWatch Logs message, lookup-events' CloudTrailEvent, Splunk's _raw): the text itself, an EventBridge
   * event's detail, or each record of the whole log file the text is ({@link EmbeddedLogFile}); else a problem with
   * its index (none for another source's EventBridge event).
   */
  void textRecord(long start, String text, long end) throws IOException {
    indexedBy = recordStart;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    EmbeddedRecord.Read read = EmbeddedRecord.read(bytes);
    RecordFields f = read.fields();
    if (f == null) {
      if (read.problem().isEmpty()) {
        recordIndex++; // another source's EventBridge event, passed over
      } else if (!EmbeddedLogFile.mayBeOne(bytes) || !EmbeddedLogFile.scan(bytes, this, start, (int) (end - start))) {
        out.problem(recordIndex++, start, read.problem(), text);
      }
      return;
    }
    int index = recordIndex++;
    byte[] record = read.start() == 0 && read.end() == bytes.length ? bytes : Arrays.copyOfRange(bytes, read.start(), read.end());
    out.record(f, record, read.start(), index, start, (int) (end - start), true);
  }
}
