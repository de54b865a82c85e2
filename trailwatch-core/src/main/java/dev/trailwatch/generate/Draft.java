// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** One event about to be written. Mutable; lives only while its slot is generated. */
final class Draft {
  /** Writes a nested document's value (an object). */
  @FunctionalInterface
  interface Json {
    void write(JsonGenerator g) throws IOException;
  }

  long epochSecond;
  String account = "";
  String region = "";
  String eventSource = "";
  String eventName = "";
  boolean readOnly;
  String eventType = "AwsApiCall";
  String eventCategory = "Management";
  boolean managementEvent = true;
  Identity identity = Identity.NONE;
  String sourceIp = "";
  String userAgent = "";
  @Nullable String errorCode;
  @Nullable String errorMessage;
  String eventId = "";
  String requestId = "";
  @Nullable Json requestParameters;
  @Nullable Json responseElements;
  @Nullable Json additionalEventData;
  @Nullable Json resources;
  boolean tls = true;
}
