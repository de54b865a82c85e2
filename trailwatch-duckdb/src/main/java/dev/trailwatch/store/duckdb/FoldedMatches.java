// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.event.CloudTrailEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.jspecify.annotations.Nullable;

/**
 * The matches of one dedupe key within one transaction: a rule that matches most events (SigmaHQ's
 * AssumeRole rule matches every role session) costs one row per key and commit, not one per event, and
 * every event id is still kept.
 */
final class FoldedMatches {
  private final RuleMatch first;
  private final List<Long> files = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private final List<@Nullable Instant> times = new ArrayList<>();

  FoldedMatches(RuleMatch first) {
    this.first = first;
  }

  void add(long fileId, CloudTrailEvent e) {
    files.add(fileId);
    keys.add(e.eventKey());
    times.add(e.eventTime());
  }

  void dropFile(long fileId) {
    for (int i = files.size() - 1; i >= 0; i--) {
      if (files.get(i) == fileId) {
        files.remove(i);
        keys.remove(i);
        times.remove(i);
      }
    }
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  void append(DuckDBAppender a) throws SQLException {
    CloudTrailEvent e = first.event();
    Instant min = null;
    Instant max = null;
    for (Instant t : times) {
      if (t != null) {
        min = min == null || t.isBefore(min) ? t : min;
        max = max == null || t.isAfter(max) ? t : max;
      }
    }
    a.beginRow();
    a.append(first.ruleId());
    a.append(first.title());
    a.append(first.level());
    a.append(String.join(",", first.tags()));
    a.append(first.dedupeKey());
    Appends.text(a, e.recipientAccountId());
    Appends.text(a, e.awsRegion());
    a.append(e.actor());
    a.append(String.join("\n", keys));
    a.append(keys.size());
    Appends.time(a, min);
    Appends.time(a, max);
    a.endRow();
  }
}
