// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.NestedDocument;
import dev.trailwatch.event.TlsDetails;
import dev.trailwatch.event.TriState;
import dev.trailwatch.event.UserIdentity;
import java.sql.SQLException;
import java.time.Instant;
import org.duckdb.DuckDBAppender;
import org.jspecify.annotations.Nullable;

/** Writes one event as one row, in the column order of {@link StoreSchema#EVENT_COLUMNS}. */
final class EventRows {
  private EventRows() {}

  static void append(DuckDBAppender a, long fileId, long dedupeHash, CloudTrailEvent e) throws SQLException {
    UserIdentity u = e.userIdentity();
    TlsDetails tls = e.tlsDetails();
    a.beginRow();
    a.append(dedupeHash);
    a.append(e.eventKey());
    text(a, e.eventId());
    text(a, e.eventVersion());
    time(a, e.eventTime());
    text(a, e.eventSource());
    text(a, e.eventName());
    text(a, e.awsRegion());
    text(a, e.sourceIpAddress());
    text(a, e.userAgent());
    text(a, u.type());
    text(a, u.principalId());
    text(a, u.arn());
    text(a, u.accountId());
    text(a, u.accessKeyId());
    text(a, u.userName());
    text(a, u.invokedBy());
    text(a, u.sessionIssuerType());
    text(a, u.sessionIssuerArn());
    text(a, u.sessionIssuerUserName());
    text(a, u.sessionIssuerAccountId());
    flag(a, u.mfaAuthenticated());
    flag(a, e.mfaUsed());
    a.append(e.actor());
    text(a, e.errorCode());
    text(a, e.errorMessage());
    flag(a, e.readOnly());
    text(a, e.eventType());
    text(a, e.eventCategory());
    flag(a, e.managementEvent());
    text(a, e.requestId());
    text(a, e.sharedEventId());
    text(a, e.recipientAccountId());
    text(a, e.vpcEndpointId());
    text(a, tls.tlsVersion());
    text(a, tls.cipherSuite());
    text(a, tls.clientProvidedHostHeader());
    for (NestedDocument doc : NestedDocument.values()) {
      text(a, e.raw().nested(doc).orElse(null));
    }
    a.append(fileId);
    a.append(e.location().recordIndex());
    a.append(e.location().offset());
    a.append(e.location().length());
    a.append(e.location().encoded());
    a.endRow();
  }

  private static void text(DuckDBAppender a, @Nullable String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  private static void flag(DuckDBAppender a, TriState v) throws SQLException {
    if (v == TriState.ABSENT) {
      a.appendNull();
    } else {
      a.append(v == TriState.TRUE);
    }
  }

  private static void time(DuckDBAppender a, @Nullable Instant t) throws SQLException {
    if (t == null) {
      a.appendNull();
    } else {
      a.appendEpochMicros(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000));
    }
  }
}
