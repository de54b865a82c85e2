// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The records in other tools' query results, each field just named by the object that holds it: CloudWatch Logs
 * Insights' rows ({@code aws logs get-query-results}), Splunk's results ({@code output_mode=json} and its export's
 * lines), Sumo Logic's search job messages, a search engine's hits (Elasticsearch, OpenSearch) and Loki's streams.
 */
final class QueryResults {
  private final ScanState s;
  private final FileScan scan;
  private final Wrappers wrappers;

  QueryResults(ScanState s, FileScan scan, Wrappers wrappers) {
    this.s = s;
    this.scan = scan;
    this.wrappers = wrappers;
  }

  /**
   * The rows of {@code results}: Logs Insights', each row an array of {@code {"field": …, "value": …}} cells whose
   * {@code @message} cell holds the record as a string, or Splunk's, each row an object whose {@code _raw} holds it.
   * Rows without one (a query that did not select it) hold no record: they are counted in one problem that says what
   * to do.
   */
  void rows() throws IOException {
    JsonToken t = s.p().nextToken();
    long start = s.tokenStart();
    if (t != JsonToken.START_ARRAY) {
      s.p().skipChildren();
      if (t != JsonToken.VALUE_NULL) {
        s.out.problem(-1, start, "\"results\" holds a JSON " + SyntaxReasons.describe(t) + ", not rows of query results", "");
      }
      return;
    }
    int withoutEvent = 0;
    while ((t = s.p().nextToken()) != JsonToken.END_ARRAY && t != null) {
      boolean event = t == JsonToken.START_ARRAY ? insightsRow() : t == JsonToken.START_OBJECT && splunkResult(s.tokenStart());
      if (!event) {
        s.p().skipChildren();
        withoutEvent++;
      }
    }
    if (withoutEvent > 0) {
      s.out.problem(-1, start, withoutEvent + (withoutEvent == 1 ? " row of these query results holds" : " rows of these query results hold") + " no whole event "
          + "(@message in Logs Insights, _raw in Splunk): query with `fields @message`, or keep _raw, to ingest them", "");
    }
  }

  /** A record's text met before its field's name, in a cell whose keys come in another order. */
  private record ValueFirst(long start, String text, long end) {}

  /** One row of Logs Insights results, just opened: true when a cell held its {@code @message}. */
  private boolean insightsRow() throws IOException {
    boolean message = false;
    while (s.nextElement(JsonToken.START_OBJECT)) {
      s.recordAt(s.tokenStart());
      String field = null;
      ValueFirst valueFirst = null;
      while (s.p().nextToken() == JsonToken.FIELD_NAME) {
        if ("field".equals(s.p().currentName())) {
          field = RecordFields.scalar(s.p());
        } else if (!"value".equals(s.p().currentName())) {
          RecordFields.skipValue(s.p());
        } else if ("@message".equals(field)) {
          message = wrappers.embedded(LogFormat.CLOUDWATCH_LOGS) || message;
        } else if (s.p().nextToken() == JsonToken.VALUE_STRING && field == null) {
          valueFirst = new ValueFirst(s.tokenStart(), s.p().getText(), s.readTo());
        } else {
          s.p().skipChildren();
        }
      }
      if (valueFirst != null && "@message".equals(field)) {
        s.out.format(LogFormat.CLOUDWATCH_LOGS);
        s.textRecord(valueFirst.start(), valueFirst.text(), valueFirst.end());
        message = true;
      }
      s.lastEnd = s.tokenEnd();
      s.recordStart = -1;
    }
    return message;
  }

  /**
   * A Splunk result, just opened at {@code start}: its {@code _raw} is the record as text; true when it had one. Its
   * own record when it is a row of results, else part of the line that holds it.
   */
  boolean splunkResult(long start) throws IOException {
    boolean row = s.recordStart < 0;
    if (row) {
      s.recordAt(start);
    }
    boolean found = raw(LogFormat.SPLUNK);
    if (row) {
      s.lastEnd = s.tokenEnd();
      s.recordStart = -1;
    }
    return found;
  }

  /** The fields of the object just opened, read to its end: true when its {@code _raw} held a record as text. */
  private boolean raw(LogFormat as) throws IOException {
    boolean found = false;
    while (s.p().nextToken() == JsonToken.FIELD_NAME) {
      if (!found && "_raw".equals(s.p().currentName())) {
        found = wrappers.embedded(as);
      } else {
        RecordFields.skipValue(s.p());
      }
    }
    return found;
  }

  /**
   * Sumo Logic's search job messages, just named: {@code {"fields":[…],"messages":[{"map":{"_raw":…,…}}, …]}}, each
   * map's {@code _raw} a record as text. True when they were such messages; Splunk names its notices "messages" too,
   * and those (no map) are passed over. Maps without {@code _raw} (a query that left it out) are counted in one problem.
   */
  boolean sumoMessages() throws IOException {
    if (!s.nextIs(JsonToken.START_ARRAY)) {
      return false;
    }
    long start = s.tokenStart();
    int maps = 0;
    int withoutRaw = 0;
    while (s.nextElement(JsonToken.START_OBJECT)) {
      long message = s.tokenStart();
      boolean map = false;
      while (s.p().nextToken() == JsonToken.FIELD_NAME) {
        if (s.fieldIs("map", JsonToken.START_OBJECT)) {
          map = true;
          s.recordAt(message); // a message of its own, no longer part of the object that holds them
          withoutRaw += raw(LogFormat.SUMO_LOGIC) ? 0 : 1;
        }
      }
      if (map) {
        maps++;
        s.lastEnd = s.tokenEnd();
        s.recordStart = -1;
      }
    }
    if (withoutRaw > 0) {
      s.out.problem(-1, start, withoutRaw + (withoutRaw == 1 ? " Sumo Logic message holds" : " Sumo Logic messages hold")
          + " no _raw: search without a `fields` that leaves it out, to ingest them", "");
    }
    return maps > 0;
  }

  /** The {@code hits} of a search response ({"hits":{"hits":[{"_source":{…}}, …]}}), just named: its own {@code hits} array holds the documents. */
  void searchHits() throws IOException {
    if (!s.nextIs(JsonToken.START_OBJECT)) {
      return;
    }
    while (s.p().nextToken() == JsonToken.FIELD_NAME) {
      if (s.fieldIs("hits", JsonToken.START_ARRAY)) {
        scan.documents();
      }
    }
  }

  /**
   * The {@code data} of Loki's query API response, just named: {@code {"resultType":"streams","result":[{"stream":{…},
   * "values":[[ts, line], …]}, …]}}, each value a log line of its own. True when it held streams (its lines are then
   * its records, and the object holding it is a container); anything else is passed over, and the object holding it
   * is judged by its other fields.
   */
  boolean lokiData() throws IOException {
    if (!s.nextIs(JsonToken.START_OBJECT)) {
      return false;
    }
    boolean streams = false;
    while (s.p().nextToken() == JsonToken.FIELD_NAME) {
      if (s.fieldIs("result", JsonToken.START_ARRAY)) {
        while (s.nextElement(JsonToken.START_OBJECT)) {
          streams = lokiStream() || streams;
        }
      }
    }
    return streams;
  }

  /**
   * One element of Loki's {@code result}, just opened: true when it is a stream (it has {@code stream} or
   * {@code values}, and no {@code metric}); each of its {@code values}, {@code [ts, line, …]}, is a line.
   */
  private boolean lokiStream() throws IOException {
    boolean stream = false;
    boolean metric = false; // a metric query's series: its values are numbers (Loki writes "metric" before them)
    while (s.p().nextToken() == JsonToken.FIELD_NAME) {
      stream |= "stream".equals(s.p().currentName());
      metric |= "metric".equals(s.p().currentName());
      if (metric) {
        RecordFields.skipValue(s.p());
      } else if (s.fieldIs("values", JsonToken.START_ARRAY)) {
        stream = true;
        s.recordStart = -1; // a container: its lines are records of their own
        while (s.nextElement(JsonToken.START_ARRAY)) {
          lokiValue();
        }
      }
    }
    return stream;
  }

  /** One value of a Loki stream, just opened: {@code [ts, line, …]}, the line a record as text. */
  private void lokiValue() throws IOException {
    s.recordAt(s.tokenStart());
    JsonToken t;
    for (int i = 0; (t = s.p().nextToken()) != JsonToken.END_ARRAY && t != null; i++) {
      if (i == 1 && t == JsonToken.VALUE_STRING) {
        s.out.format(LogFormat.LOKI);
        s.textRecord(s.tokenStart(), s.p().getText(), s.readTo());
      } else {
        s.p().skipChildren();
      }
    }
    s.lastEnd = s.tokenEnd();
    s.recordStart = -1;
  }
}
