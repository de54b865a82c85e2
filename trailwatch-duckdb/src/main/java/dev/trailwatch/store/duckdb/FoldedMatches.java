// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.event.CloudTrailEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * The matches of one dedupe key within one transaction: a rule that matches most events (SigmaHQ's
 * AssumeRole rule matches every role session) costs one row per key and commit, not one per event, and
 * every event id is still kept. Files and times are kept in primitive arrays: a busy key holds hundreds of
 * thousands of matches.
 */
final class FoldedMatches {
  private static final long NO_TIME = Long.MIN_VALUE;
  private final RuleMatch first;
  private long[] files = new long[8];
  private long[] micros = new long[8];
  private final List<String> keys = new ArrayList<>();

  FoldedMatches(RuleMatch first) {
    this.first = first;
  }

  void add(long fileId, CloudTrailEvent e) {
    int n = keys.size();
    if (n == files.length) {
      files = Arrays.copyOf(files, n * 2);
      micros = Arrays.copyOf(micros, n * 2);
    }
    files[n] = fileId;
    micros[n] = e.eventTime() == null ? NO_TIME : Appends.micros(e.eventTime());
    keys.add(e.eventKey());
  }

  void dropFile(long fileId) {
    int kept = 0;
    for (int i = 0; i < keys.size(); i++) {
      if (files[i] != fileId) {
        files[kept] = files[i];
        micros[kept] = micros[i];
        keys.set(kept++, keys.get(i));
      }
    }
    keys.subList(kept, keys.size()).clear();
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  void append(DuckDBAppender a) throws SQLException {
    CloudTrailEvent e = first.event();
    long min = NO_TIME;
    long max = NO_TIME;
    for (int i = 0; i < keys.size(); i++) {
      long t = micros[i];
      if (t != NO_TIME) {
        min = min == NO_TIME || t < min ? t : min;
        max = max == NO_TIME || t > max ? t : max;
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
    time(a, min);
    time(a, max);
    a.endRow();
  }

  private static void time(DuckDBAppender a, long micros) throws SQLException {
    if (micros == NO_TIME) {
      a.appendNull();
    } else {
      a.appendEpochMicros(micros);
    }
  }
}
