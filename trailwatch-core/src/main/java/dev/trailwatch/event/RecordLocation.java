// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

/**
 * Where a record lies in the decompressed bytes of its log file, so the original text can be cut out again
 * byte for byte.
 *
 * @param recordIndex the record's position among the file's records, from 0
 * @param offset byte offset of the record's first byte in the decompressed file
 * @param length length in bytes
 * @param encoded true when the record was delivered as a JSON string (CloudWatch Logs {@code message},
 *     {@code lookup-events}' {@code CloudTrailEvent}): the slice is then that string literal, and the record
 *     is its decoded value
 */
public record RecordLocation(int recordIndex, long offset, int length, boolean encoded) {}
