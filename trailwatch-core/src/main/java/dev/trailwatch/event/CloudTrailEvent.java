// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One CloudTrail record. Typed fields are the ones Trailwatch indexes, groups and matches; everything else,
 * and the original text byte for byte, is in {@link #raw()}. Accessors keep CloudTrail's JSON names.
 *
 * @param eventKey the deduplication key within {@code recipientAccountId}: the {@code eventID}, or for a
 *     record without one {@code "sha256:" + hash of its canonical JSON} (see {@link CanonicalJsonHash}), so
 *     that the same record read twice (even reformatted) is kept once while distinct records never collide
 * @param eventTime null when the record has none or it is not an ISO-8601 instant
 * @param actor who acted, resolved once (see {@link UserIdentity#actor()})
 */
public record CloudTrailEvent(
    String eventKey,
    @Nullable String eventId,
    @Nullable String eventVersion,
    @Nullable Instant eventTime,
    @Nullable String eventSource,
    @Nullable String eventName,
    @Nullable String awsRegion,
    @Nullable String sourceIpAddress,
    @Nullable String userAgent,
    UserIdentity userIdentity,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    TriState readOnly,
    @Nullable String eventType,
    @Nullable String eventCategory,
    TriState managementEvent,
    @Nullable String requestId,
    @Nullable String sharedEventId,
    @Nullable String recipientAccountId,
    @Nullable String vpcEndpointId,
    TlsDetails tlsDetails,
    TriState mfaUsed,
    String actor,
    RecordLocation location,
    RawJson raw) {

  public CloudTrailEvent {
    requireNonNull(eventKey, "eventKey");
    requireNonNull(userIdentity, "userIdentity");
    requireNonNull(readOnly, "readOnly");
    requireNonNull(managementEvent, "managementEvent");
    requireNonNull(tlsDetails, "tlsDetails");
    requireNonNull(mfaUsed, "mfaUsed");
    requireNonNull(actor, "actor");
    requireNonNull(location, "location");
    requireNonNull(raw, "raw");
  }

  /**
   * What the store keeps once, {@code (recipientAccountId, eventKey)}, as one string: the account ({@code ""} for
   * none), a NUL, the key.
   */
  public static String identity(@Nullable String recipientAccountId, String eventKey) {
    return (recipientAccountId == null ? "" : recipientAccountId) + '\u0000' + eventKey;
  }

  /** This record's {@link #identity(String, String)}. */
  public String identity() {
    return identity(recipientAccountId, eventKey);
  }

  /** This record, found at {@code where}. */
  public CloudTrailEvent at(RecordLocation where) {
    return new CloudTrailEvent(eventKey, eventId, eventVersion, eventTime, eventSource, eventName, awsRegion, sourceIpAddress,
        userAgent, userIdentity, errorCode, errorMessage, readOnly, eventType, eventCategory, managementEvent, requestId,
        sharedEventId, recipientAccountId, vpcEndpointId, tlsDetails, mfaUsed, actor, where, raw);
  }

  /** True for CloudTrail Insights events ({@code eventType} {@code AwsCloudTrailInsight}). */
  public boolean isInsight() {
    return "AwsCloudTrailInsight".equals(eventType) || "Insight".equals(eventCategory);
  }

  /** True for network activity events (VPC endpoint events, {@code eventCategory} {@code NetworkActivity}). */
  public boolean isNetworkActivity() {
    return "NetworkActivity".equals(eventCategory);
  }
}
