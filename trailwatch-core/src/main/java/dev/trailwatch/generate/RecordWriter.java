// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Writes a {@link Draft} as CloudTrail writes a record: compact JSON, CloudTrail's field order. */
final class RecordWriter {
  private RecordWriter() {}

  static String time(long epochSecond) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond));
  }

  static void write(JsonGenerator g, Draft d) throws IOException {
    g.writeStartObject();
    g.writeStringField("eventVersion", d.eventType.equals("AwsConsoleSignIn") ? "1.09" : "1.10");
    identity(g, d);
    g.writeStringField("eventTime", time(d.epochSecond));
    g.writeStringField("eventSource", d.eventSource);
    g.writeStringField("eventName", d.eventName);
    g.writeStringField("awsRegion", d.region);
    g.writeStringField("sourceIPAddress", d.sourceIp);
    g.writeStringField("userAgent", d.userAgent);
    optional(g, "errorCode", d.errorCode);
    optional(g, "errorMessage", d.errorMessage);
    nested(g, "requestParameters", d.requestParameters);
    nested(g, "responseElements", d.errorCode == null ? d.responseElements : null);
    if (d.additionalEventData != null) {
      g.writeFieldName("additionalEventData");
      d.additionalEventData.write(g);
    }
    g.writeStringField("requestID", d.requestId);
    g.writeStringField("eventID", d.eventId);
    g.writeBooleanField("readOnly", d.readOnly);
    if (d.resources != null) {
      g.writeFieldName("resources");
      d.resources.write(g);
    }
    g.writeStringField("eventType", d.eventType);
    g.writeBooleanField("managementEvent", d.managementEvent);
    g.writeStringField("recipientAccountId", d.account);
    g.writeStringField("eventCategory", d.eventCategory);
    if (d.tls) {
      g.writeObjectFieldStart("tlsDetails");
      g.writeStringField("tlsVersion", "TLSv1.3");
      g.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
      g.writeStringField("clientProvidedHostHeader", host(d));
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static String host(Draft d) {
    String service = d.eventSource.substring(0, d.eventSource.indexOf('.'));
    return service + "." + d.region + ".amazonaws.com";
  }

  private static void nested(JsonGenerator g, String name, Draft.Json value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      value.write(g);
    }
  }

  private static void identity(JsonGenerator g, Draft d) throws IOException {
    Identity i = d.identity;
    g.writeObjectFieldStart("userIdentity");
    g.writeStringField("type", i.type());
    optional(g, "principalId", i.principalId());
    optional(g, "arn", i.arn());
    optional(g, "accountId", i.accountId());
    optional(g, "accessKeyId", i.accessKeyId());
    optional(g, "userName", i.userName());
    if (i.issuerName() != null) {
      g.writeObjectFieldStart("sessionContext");
      g.writeObjectFieldStart("sessionIssuer");
      g.writeStringField("type", i.issuerType());
      String kind = "Role".equals(i.issuerType()) ? "role" : "user";
      g.writeStringField("principalId", "AROA" + Identity.tag(d.account, i.issuerName()));
      g.writeStringField("arn", "arn:aws:iam::" + d.account + ":" + kind + "/" + i.issuerName());
      g.writeStringField("accountId", d.account);
      g.writeStringField("userName", i.issuerName());
      g.writeEndObject();
      g.writeObjectFieldStart("attributes");
      g.writeStringField("creationDate", time(d.epochSecond - 600));
      g.writeStringField("mfaAuthenticated", Boolean.toString(i.mfa()));
      g.writeEndObject();
      g.writeEndObject();
    }
    optional(g, "invokedBy", i.invokedBy());
    g.writeEndObject();
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
