// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.event.CloudTrailEvent;
import java.sql.SQLException;
import java.time.Instant;
import org.duckdb.DuckDBAppender;
import org.jspecify.annotations.Nullable;

/** Appender values that may be absent, instants as UTC microseconds, and rows several writers share. */
final class Appends {
  private Appends() {}

  static void text(DuckDBAppender a, @Nullable String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  static void time(DuckDBAppender a, @Nullable Instant t) throws SQLException {
    if (t == null) {
      a.appendNull();
    } else {
      a.appendEpochMicros(micros(t));
    }
  }

  /** A match's rows of {@code correlation_events}: one per correlation that names its rule. */
  static void correlationRows(DuckDBAppender a, long fileId, RuleMatch m) throws SQLException {
    CloudTrailEvent e = m.event();
    for (RuleMatch.CorrelationKey k : m.groupKeys()) {
      a.beginRow();
      a.append(k.correlationId());
      a.append(k.group());
      a.append(k.value());
      a.append(m.ruleId());
      text(a, e.recipientAccountId());
      a.append(e.eventKey());
      time(a, e.eventTime());
      text(a, e.awsRegion());
      a.append(e.actor());
      a.append(fileId);
      a.endRow();
    }
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
