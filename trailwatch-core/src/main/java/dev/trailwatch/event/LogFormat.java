// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.util.Locale;

/** What a file turned out to hold, decided from its content, never from its name. */
public enum LogFormat {
  /** CloudTrail's own delivery format: {@code {"Records":[...]}}. */
  RECORDS,
  /** A JSON array of records. */
  JSON_ARRAY,
  /**
   * One record (or one lookup-events object) a line; also an Elasticsearch {@code _bulk} body, whose action lines
   * ({@code {"index":{…}}}) are passed over.
   */
  JSON_LINES,
  /**
   * CloudWatch Logs: each record a log event's message, as a string. In subscription envelopes
   * ({@code logEvents[].message}), {@code filter-log-events} and {@code get-log-events} output
   * ({@code events[].message}) and Logs Insights results ({@code results[][]}'s {@code @message} cell).
   */
  CLOUDWATCH_LOGS,
  /** {@code aws cloudtrail lookup-events} output: the record is the string in {@code CloudTrailEvent}. */
  LOOKUP_EVENTS,
  /**
   * Amazon EventBridge events ("AWS API Call via CloudTrail" and the like), one a line or concatenated, as a rule
   * delivers them to Firehose, S3 or CloudWatch Logs: {@code detail} holds the record.
   */
  EVENTBRIDGE,
  /**
   * Splunk search results exported as JSON: one {@code {"result":{…}}} a line (the export endpoint, the web export) or
   * {@code {"results":[…]}}; each result's {@code _raw} holds the record as a string.
   */
  SPLUNK,
  /**
   * Sumo Logic's search job messages ({@code GET /api/v1/search/jobs/{id}/messages}): {@code {"fields":[…],
   * "messages":[{"map":{"_raw":…,…}}, …]}}; each map's {@code _raw} holds the record as a string.
   */
  SUMO_LOGIC,
  /**
   * Elasticsearch or OpenSearch documents: a dump of an index one a line ({@code elasticdump}), or a search response
   * ({@code hits.hits}); each document's {@code _source} is the record, or holds it as text: Logstash's and Filebeat's
   * {@code message}, Elastic's AWS integration's {@code event.original}.
   */
  SEARCH_INDEX,
  /**
   * A log shipper's own output, one document a line (or concatenated), that holds the record as text in its
   * {@code message} (Logstash's {@code file} output, Filebeat's, Vector's and Fluentd's file sinks after their S3
   * sources, CloudWatch Logs events taken out with {@code jq -c '.events[]'}), Fluent Bit's {@code log}, ECS's
   * {@code event.original}, or Cribl's {@code _raw}; Splunk HTTP Event Collector events, whose {@code event} is the record or its text; Datadog's
   * log archives, whose {@code attributes} are the record.
   */
  SHIPPER_DOCUMENTS,
  /**
   * Amazon Data Firehose's records of deliveries that failed, as it backs them up to S3 ({@code splunk-failed/},
   * {@code elasticsearch-failed/}, {@code http-endpoint-failed/}, {@code processing-failed/}): one document a line whose
   * {@code rawData} is the record's data, base64 (a record, an EventBridge event, a CloudWatch Logs subscription's gzip
   * envelope).
   */
  FIREHOSE_BACKUP,
  /**
   * {@code aws kinesis get-records} output of a stream a log group's subscription writes to: {@code {"Records":[{"Data":
   * …}]}}, each {@code Data} base64 of a record's data (a subscription's gzip envelope).
   */
  KINESIS,
  /**
   * Grafana Loki's logs, where a shipper (lambda-promtail reads CloudTrail's files from S3) sent each record as a log
   * line: {@code logcli query --output jsonl}, one {@code {"labels":…,"line":…,"timestamp":…}} a line, and the query
   * API's response ({@code {"data":{"result":[{"stream":…,"values":[[ts, line], …]}]}}); the line is the record as
   * text.
   */
  LOKI,
  /**
   * A CSV export whose column holds each whole record as JSON text: {@code @message} (CloudWatch Logs Insights'
   * "Download table (CSV)") or {@code _raw} (Splunk).
   */
  CSV_EXPORT,
  /** A zip, tar or 7z archive of log files, each read on its own. */
  ARCHIVE,
  /** A CloudTrail digest file: kept apart, never read as events. */
  DIGEST,
  /**
   * AWS Config's configuration history or snapshot ({@code {"fileVersion":…,"configurationItems":[…]}}), which a log
   * archive bucket holds beside CloudTrail's files: no events, and no problem either.
   */
  AWS_CONFIG,
  /**
   * GuardDuty's findings as it exports them to S3, one a line ({@code {"schemaVersion":…,"severity":…,"title":…}}),
   * which a log archive bucket may hold beside CloudTrail's files: no events, and no problem either.
   */
  GUARDDUTY,
  /** Nothing but white space. */
  EMPTY,
  /** JSON (or not) that holds no CloudTrail record. */
  UNKNOWN;

  /** Its name as the ledger's {@code format} column holds it: {@code json_lines}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
