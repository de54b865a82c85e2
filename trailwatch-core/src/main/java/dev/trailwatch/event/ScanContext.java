// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

/** Where in a file {@link FileScan} finds an object, which decides what its fields mean. */
enum ScanContext {
  /** A value at the top level of the file. */
  ROOT,
  /**
   * An element of an array at the top level: a record, or a whole log file or export page when the array gathers
   * several ({@code jq -s . *.json}), so it must say which, as a top-level object must.
   */
  TOP_ARRAY,
  /**
   * A search index document's {@code _source}: a record, or a shipper's document that may hold one as text (its
   * {@code message}, or ECS's {@code event.original}).
   */
  SOURCE,
  /** An element of a container's array ({@code Records}, {@code Events}): a record because the file says so. */
  RECORDS,
  /** An element of CloudWatch Logs' {@code logEvents} or {@code events}: its {@code message} is the record. */
  LOG_EVENTS,
  /** An EventBridge event's {@code detail}: a record when it looks like one, else another service's event. */
  EVENTBRIDGE_DETAIL,
  /**
   * A shipper's document's {@code event}: ECS's, whose {@code original} holds the record as text, or Splunk HTTP Event
   * Collector's, the record itself; anything else is judged by the document.
   */
  DOCUMENT_EVENT
}
