// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The typed fields of one record, filled from the parser as its fields stream past. One instance per record
 * object; {@link #field} is called for each top-level field name with the parser on that name.
 */
final class RecordFields {
  @Nullable String eventVersion;
  @Nullable String eventTime;
  @Nullable String loggedTime; // @timestamp, where Logstash's cloudtrail codec moves eventTime to
  @Nullable String eventSource;
  @Nullable String eventName;
  @Nullable String awsRegion;
  @Nullable String sourceIpAddress;
  @Nullable String userAgent;
  @Nullable String errorCode;
  @Nullable String errorMessage;
  @Nullable String readOnly;
  @Nullable String eventType;
  @Nullable String eventCategory;
  @Nullable String managementEvent;
  @Nullable String requestId;
  @Nullable String eventId;
  @Nullable String sharedEventId;
  @Nullable String recipientAccountId;
  @Nullable String vpcEndpointId;
  @Nullable String mfaUsed;
  UserIdentity userIdentity = UserIdentity.ABSENT;
  TlsDetails tlsDetails = TlsDetails.ABSENT;
  /** start, end (absolute offsets) per {@link NestedDocument}; -1 when absent. */
  final long[] spans = new long[NestedDocument.values().length * 2];

  boolean recordLike;
  boolean unknownFields;
  /** CloudTrail's fields named in lower case, as Athena's and CloudTrail Lake's query results name their columns. */
  boolean queryColumns;

  RecordFields() {
    Arrays.fill(spans, -1);
  }

  /**
   * The event these fields describe, whose record is {@code bytes}; {@code spanBase} is where they start in the file
   * (the nested documents' spans are offsets in it). Records without an eventID are keyed by a hash of their
   * canonical JSON, so that the same record keys the same however it is formatted. A record without its eventTime is
   * timed by its {@code @timestamp}: Logstash's cloudtrail codec moves the one to the other.
   */
  CloudTrailEvent event(byte[] bytes, long spanBase, RecordLocation location) {
    int[] relative = new int[spans.length];
    for (int i = 0; i < relative.length; i++) {
      relative[i] = spans[i] < 0 ? -1 : (int) (spans[i] - spanBase);
    }
    RawJson raw = new RawJson(bytes, relative);
    String key = eventId != null && !eventId.isEmpty() ? eventId : CanonicalJsonHash.of(raw.toJsonNode());
    return new CloudTrailEvent(
        key, eventId, eventVersion, EventTimes.parse(eventTime != null ? eventTime : loggedTime), eventSource, eventName,
        awsRegion, sourceIpAddress, userAgent, userIdentity, errorCode, errorMessage,
        TriState.parse(readOnly), eventType, eventCategory, TriState.parse(managementEvent),
        requestId, sharedEventId, recipientAccountId, vpcEndpointId, tlsDetails,
        TriState.parse(mfaUsed), userIdentity.actor(), location, raw);
  }

  /**
   * Why a record-like object is no CloudTrail record after all, or null: S3's, SNS's and Kinesis's event notifications
   * ({@code {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3",…}]}}) look like CloudTrail's, but name their
   * source so.
   */
  @Nullable String notCloudTrail() {
    return eventSource != null && eventSource.startsWith("aws:")
        ? "an AWS event notification (eventSource " + eventSource + "), not a CloudTrail record" : null;
  }

  /**
   * Reads the value of the top-level field {@code name} (the parser is on the name) and returns true, or
   * returns false without moving when the field is not a record field (the caller decides what it is).
   */
  boolean field(String name, JsonParser p, long offsetBase) throws IOException {
    switch (name) {
      case "eventVersion" -> { eventVersion = scalar(p); recordLike = true; }
      case "eventTime" -> { eventTime = scalar(p); recordLike = true; }
      case "eventSource" -> { eventSource = scalar(p); recordLike = true; }
      case "eventName" -> { eventName = scalar(p); recordLike = true; }
      case "eventID" -> { eventId = scalar(p); recordLike = true; }
      case "@timestamp" -> { loggedTime = scalar(p); unknownFields = true; } // a shipper's key, all the same
      case "awsRegion" -> awsRegion = scalar(p);
      case "sourceIPAddress" -> sourceIpAddress = scalar(p);
      case "userAgent" -> userAgent = scalar(p);
      case "errorCode" -> errorCode = scalar(p);
      case "errorMessage" -> errorMessage = scalar(p);
      case "readOnly" -> readOnly = scalar(p);
      case "eventType" -> eventType = scalar(p);
      case "eventCategory" -> eventCategory = scalar(p);
      case "managementEvent" -> managementEvent = scalar(p);
      case "requestID" -> requestId = scalar(p);
      case "sharedEventID" -> sharedEventId = scalar(p);
      case "recipientAccountId" -> recipientAccountId = scalar(p);
      case "vpcEndpointId" -> vpcEndpointId = scalar(p);
      case "userIdentity" -> userIdentity = userIdentity(p);
      case "tlsDetails" -> tlsDetails = tlsDetails(p);
      case "requestParameters" -> nested(NestedDocument.REQUEST_PARAMETERS, p, offsetBase);
      case "responseElements" -> nested(NestedDocument.RESPONSE_ELEMENTS, p, offsetBase);
      case "resources" -> nested(NestedDocument.RESOURCES, p, offsetBase);
      case "serviceEventDetails" -> nested(NestedDocument.SERVICE_EVENT_DETAILS, p, offsetBase);
      case "additionalEventData" -> additionalEventData(p, offsetBase);
      case "apiVersion", "insightDetails", "sessionCredentialFromConsole", "edgeDeviceDetails", "addendum",
          "vpcEndpointAccountId", "annotation", "eventCategoryDetails", "recipientAccountIdentifier" -> skipValue(p);
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Skips an unknown field's value and remembers that the record had one. */
  void unknown(JsonParser p) throws IOException {
    unknownFields = true;
    if (!recordLike) { // a record's own unknown fields, the common case, need no look at their names
      String name = p.currentName();
      queryColumns |= "eventname".equals(name) || "eventsource".equals(name) || "eventid".equals(name);
    }
    skipValue(p);
  }

  private void nested(NestedDocument doc, JsonParser p, long offsetBase) throws IOException {
    JsonToken t = p.nextToken();
    long start = offsetBase + p.currentTokenLocation().getByteOffset();
    long end;
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      end = offsetBase + p.currentTokenLocation().getByteOffset() + 1;
    } else {
      p.getText(); // finish the token so that the location is just after it
      end = offsetBase + p.currentLocation().getByteOffset();
    }
    spans[doc.ordinal() * 2] = start;
    spans[doc.ordinal() * 2 + 1] = end;
  }

  private void additionalEventData(JsonParser p, long offsetBase) throws IOException {
    JsonToken t = p.nextToken();
    long start = offsetBase + p.currentTokenLocation().getByteOffset();
    long end;
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        if ("MFAUsed".equals(p.currentName())) {
          mfaUsed = scalar(p);
        } else {
          skipValue(p);
        }
      }
      end = offsetBase + p.currentTokenLocation().getByteOffset() + 1;
    } else if (t == JsonToken.START_ARRAY) {
      p.skipChildren();
      end = offsetBase + p.currentTokenLocation().getByteOffset() + 1;
    } else {
      p.getText();
      end = offsetBase + p.currentLocation().getByteOffset();
    }
    int i = NestedDocument.ADDITIONAL_EVENT_DATA.ordinal() * 2;
    spans[i] = start;
    spans[i + 1] = end;
  }

  private static UserIdentity userIdentity(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return UserIdentity.ABSENT;
    }
    String type = null, principalId = null, arn = null, accountId = null, accessKeyId = null;
    String userName = null, invokedBy = null;
    String[] issuer = new String[4]; // type, arn, userName, accountId
    String[] mfa = new String[1];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      switch (p.currentName()) {
        case "type" -> type = scalar(p);
        case "principalId" -> principalId = scalar(p);
        case "arn" -> arn = scalar(p);
        case "accountId" -> accountId = scalar(p);
        case "accessKeyId" -> accessKeyId = scalar(p);
        case "userName" -> userName = scalar(p);
        case "invokedBy" -> invokedBy = scalar(p);
        case "sessionContext" -> sessionContext(p, issuer, mfa);
        default -> skipValue(p);
      }
    }
    return new UserIdentity(type, principalId, arn, accountId, accessKeyId, userName, invokedBy,
        issuer[0], issuer[1], issuer[2], issuer[3], TriState.parse(mfa[0]));
  }

  private static void sessionContext(JsonParser p, String[] issuer, String[] mfa) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if ("sessionIssuer".equals(name) && p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          switch (p.currentName()) {
            case "type" -> issuer[0] = scalar(p);
            case "arn" -> issuer[1] = scalar(p);
            case "userName" -> issuer[2] = scalar(p);
            case "accountId" -> issuer[3] = scalar(p);
            default -> skipValue(p);
          }
        }
      } else if ("attributes".equals(name) && p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          if ("mfaAuthenticated".equals(p.currentName())) {
            mfa[0] = scalar(p);
          } else {
            skipValue(p);
          }
        }
      } else if (p.currentToken() == JsonToken.FIELD_NAME) {
        skipValue(p);
      } else {
        p.skipChildren(); // sessionIssuer or attributes that were not objects
      }
    }
  }

  private static TlsDetails tlsDetails(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return TlsDetails.ABSENT;
    }
    String version = null, cipher = null, host = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      switch (p.currentName()) {
        case "tlsVersion" -> version = scalar(p);
        case "cipherSuite" -> cipher = scalar(p);
        case "clientProvidedHostHeader" -> host = scalar(p);
        default -> skipValue(p);
      }
    }
    return new TlsDetails(version, cipher, host);
  }

  /** The next value as text when it is a scalar (JSON null gives null); objects and arrays are skipped. */
  static @Nullable String scalar(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      return null;
    }
    return switch (t) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
      case START_OBJECT, START_ARRAY -> {
        p.skipChildren();
        yield null;
      }
      default -> null;
    };
  }

  static void skipValue(JsonParser p) throws IOException {
    p.nextToken();
    p.skipChildren();
  }
}
