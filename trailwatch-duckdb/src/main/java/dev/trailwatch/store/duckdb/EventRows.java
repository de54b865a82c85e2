// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.NestedDocument;
import dev.trailwatch.event.TlsDetails;
import dev.trailwatch.event.TriState;
import dev.trailwatch.event.UserIdentity;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/** Writes one event as one row, in the column order of {@link StoreSchema#EVENT_COLUMNS}. */
final class EventRows {
  private EventRows() {}

  static void append(DuckDBAppender a, long fileId, long dedupeHash, CloudTrailEvent e) throws SQLException {
    UserIdentity u = e.userIdentity();
    TlsDetails tls = e.tlsDetails();
    a.beginRow();
    a.append(dedupeHash);
    a.append(e.eventKey());
    Appends.text(a, e.eventId());
    Appends.text(a, e.eventVersion());
    Appends.time(a, e.eventTime());
    Appends.text(a, e.eventSource());
    Appends.text(a, e.eventName());
    Appends.text(a, e.awsRegion());
    Appends.text(a, e.sourceIpAddress());
    Appends.text(a, e.userAgent());
    Appends.text(a, u.type());
    Appends.text(a, u.principalId());
    Appends.text(a, u.arn());
    Appends.text(a, u.accountId());
    Appends.text(a, u.accessKeyId());
    Appends.text(a, u.userName());
    Appends.text(a, u.invokedBy());
    Appends.text(a, u.sessionIssuerType());
    Appends.text(a, u.sessionIssuerArn());
    Appends.text(a, u.sessionIssuerUserName());
    Appends.text(a, u.sessionIssuerAccountId());
    flag(a, u.mfaAuthenticated());
    flag(a, e.mfaUsed());
    a.append(e.actor());
    Appends.text(a, e.errorCode());
    Appends.text(a, e.errorMessage());
    flag(a, e.readOnly());
    Appends.text(a, e.eventType());
    Appends.text(a, e.eventCategory());
    flag(a, e.managementEvent());
    Appends.text(a, e.requestId());
    Appends.text(a, e.sharedEventId());
    Appends.text(a, e.recipientAccountId());
    Appends.text(a, e.vpcEndpointId());
    Appends.text(a, tls.tlsVersion());
    Appends.text(a, tls.cipherSuite());
    Appends.text(a, tls.clientProvidedHostHeader());
    for (NestedDocument doc : NestedDocument.values()) {
      Appends.text(a, e.raw().nested(doc).orElse(null));
    }
    a.append(fileId);
    a.append(e.location().recordIndex());
    a.append(e.location().offset());
    a.append(e.location().length());
    a.append(e.location().encoded());
    a.endRow();
  }

  private static void flag(DuckDBAppender a, TriState v) throws SQLException {
    if (v == TriState.ABSENT) {
      a.appendNull();
    } else {
      a.append(v == TriState.TRUE);
    }
  }
}
