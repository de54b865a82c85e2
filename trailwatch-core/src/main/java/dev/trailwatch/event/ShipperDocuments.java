// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The records log shippers' documents carry in their fields: Logstash's, Filebeat's, Vector's and Fluentd's
 * {@code message}, Fluent Bit's {@code log}, Cribl's {@code _raw}, ECS's {@code event.original}, Splunk HTTP Event Collector's {@code event}, and
 * a record's data in base64 (Firehose's backups' {@code rawData}, Kinesis's {@code Data}).
 */
final class ShipperDocuments {
  private final ScanState s;
  private final Wrappers wrappers;

  ShipperDocuments(ScanState s, Wrappers wrappers) {
    this.s = s;
    this.wrappers = wrappers;
  }

  /**
   * A shipper's document's field, just named in a document that is no record itself: the {@code message} of Logstash,
   * Filebeat, Vector or Fluentd, Fluent Bit's {@code log}, Cribl's {@code _raw}, or {@code event}: ECS's object, whose
   * {@code original} is the text as the shipper read it, or Splunk HTTP Event Collector's, the record as an object or
   * as text. True when it held a record (or a bad one); another kind of log line (not a JSON object) leaves the
   * document no record.
   */
  boolean documentText(String field) throws IOException {
    if (!"event".equals(field)) {
      return recordText();
    }
    int keyLine = s.p().currentTokenLocation().getLineNr();
    JsonToken t = s.p().nextToken();
    if (t == JsonToken.START_OBJECT) {
      return documentEvent(keyLine);
    }
    s.p().skipChildren();
    return t == JsonToken.VALUE_STRING && currentText();
  }

  /**
   * The value of the field just named, read as a record when it is a JSON object's text. The document's format is set
   * once the whole document is read: a first line that breaks after the record is still a bad line of JSON lines.
   */
  boolean recordText() throws IOException {
    return s.nextIs(JsonToken.VALUE_STRING) && currentText();
  }

  /**
   * A record's data, base64, in the field {@code field} just named: a Firehose backup's {@code rawData} (a record whose
   * delivery failed), a Kinesis stream record's {@code Data}. True when it was base64; what it held (records, or a
   * problem) was handed on.
   */
  boolean rawData(String field) throws IOException {
    if (!s.nextIs(JsonToken.VALUE_STRING)) {
      return false;
    }
    byte[] data = EmbeddedRecord.base64Data(s.p().getText());
    if (data == null) {
      return false;
    }
    long start = s.tokenStart();
    if (EmbeddedRecord.opensObject(data)) { // the common case, a record (or an EventBridge event) as sent: read as text is
      s.textRecord(start, new String(data, StandardCharsets.UTF_8), s.readTo());
      return true;
    }
    s.indexedBy = s.recordStart; // should the line break later, it took its index here
    EmbeddedLogFile.scanData(data, field, s, start, (int) (s.readTo() - start));
    return true;
  }

  /** The string just read, as a record when it is a JSON object's text. */
  private boolean currentText() throws IOException {
    String text = s.p().getText();
    if (!text.stripLeading().startsWith("{")) {
      return false;
    }
    s.textRecord(s.tokenStart(), text, s.readTo());
    return true;
  }

  /**
   * A shipper's document's {@code event} object, just opened on the line of its key: ECS's, whose {@code original} holds
   * the record as text, or Splunk HTTP Event Collector's, the record. True when it held one (or a bad one).
   */
  private boolean documentEvent(int keyLine) throws IOException {
    int before = s.out.yielded();
    long indexedBy = s.indexedBy;
    if (!wrappers.objectOnKeyLine(keyLine, ScanContext.DOCUMENT_EVENT)) {
      return false;
    }
    if (s.out.yielded() == before) {
      s.indexedBy = indexedBy; // it took no index: should the document break later, its problem takes one
      return false;
    }
    return true;
  }
}
