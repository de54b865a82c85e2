// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The records that wrappers carry, an object or a text in one of their fields: an EventBridge event's {@code detail}, a
 * search index's {@code _source}, a Datadog log's {@code attributes}, a CloudWatch Logs {@code message}, lookup-events'
 * {@code CloudTrailEvent}, Logs Insights' {@code @message}, logcli's {@code line}. The format they show is set once the
 * document that holds them is whole, so that a first line that breaks after its record is still a bad line of JSON
 * lines.
 */
final class Wrappers {
  private final ScanState s;
  private final FileScan scan;
  private @Nullable LogFormat format; // what the document's wrapped record showed, set once the document is whole

  Wrappers(ScanState s, FileScan scan) {
    this.s = s;
    this.scan = scan;
  }

  /** A document (an object at the top, or an element of a container) begins: nothing shown yet. */
  void documentStarts() {
    format = null;
  }

  /** The document is whole: the format its wrapped record showed, if any, is the file's. */
  void documentEnds() {
    if (format != null) {
      s.out.format(format);
    }
  }

  /** The record that a wrapper's field {@code name}, just named, carries; true when it carried one (or a bad one). */
  boolean wrapped(String name) throws IOException {
    return switch (name) {
      // decided by the detail's fields, not by detail-type, which may come after it (jq -S sorts keys)
      case "detail" -> nestedObject(ScanContext.EVENTBRIDGE_DETAIL, LogFormat.EVENTBRIDGE);
      case "_source" -> nestedObject(ScanContext.SOURCE, LogFormat.SEARCH_INDEX); // a line of an index's dump, a search's hit
      case "attributes" -> nestedObject(ScanContext.SOURCE, LogFormat.SHIPPER_DOCUMENTS); // a line of a Datadog log archive
      case "line" -> embedded(LogFormat.LOKI); // a line of logcli's jsonl output
      default -> embedded(LogFormat.CLOUDWATCH_LOGS); // @message: a row of Logs Insights results exported as an object
    };
  }

  /**
   * The object a wrapper's field holds, read as the record it carries: an EventBridge event's {@code detail} (any other
   * event on the same bus, an EC2 state change, is passed over: no CloudTrail record, and no bad input either), a
   * search index's {@code _source}. False when the field holds no object.
   */
  private boolean nestedObject(ScanContext ctx, LogFormat as) throws IOException {
    int keyLine = s.p().currentTokenLocation().getLineNr();
    if (s.p().nextToken() == JsonToken.START_OBJECT) {
      return nestedRecord(keyLine, ctx, as);
    }
    s.p().skipChildren();
    return false;
  }

  /**
   * The object just opened, read as {@code ctx} says, unless it starts on a later line than its key (then skipped, and
   * false): no writer puts a line break there, but a line of JSON lines cut after its key does, and the object is then
   * the next line's, which is read again as its own once this line is found broken.
   */
  boolean objectOnKeyLine(int keyLine, ScanContext ctx) throws IOException {
    if (s.p().currentTokenLocation().getLineNr() != keyLine) {
      s.p().skipChildren();
      return false;
    }
    scan.objectHere(ctx);
    return true;
  }

  /**
   * The object just opened, read as the record its outer object carries (on its key's line, as
   * {@link #objectOnKeyLine} says). The format is set once the document that holds it is read: a first line that breaks
   * inside it is still a bad line of JSON lines.
   */
  private boolean nestedRecord(int keyLine, ScanContext ctx, LogFormat as) throws IOException {
    if (!objectOnKeyLine(keyLine, ctx)) {
      return false;
    }
    format = as;
    return true;
  }

  /**
   * The record delivered as a JSON string (CloudWatch Logs message, lookup-events CloudTrailEvent, Splunk's _raw), or as
   * an object when the export went through jq's fromjson; true when there was one (or a bad one).
   */
  boolean embedded(LogFormat as) throws IOException {
    int keyLine = s.p().currentTokenLocation().getLineNr();
    JsonToken t = s.p().nextToken();
    if (t == JsonToken.START_OBJECT) { // the record as an object, not a string (an export passed through jq's fromjson)
      return nestedRecord(keyLine, ScanContext.RECORDS, as);
    }
    if (t != JsonToken.VALUE_STRING) {
      s.p().skipChildren();
      return false;
    }
    s.out.format(as);
    s.textRecord(s.tokenStart(), s.p().getText(), s.readTo());
    return true;
  }
}
