// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import java.util.List;
import java.util.Map;

/**
 * The findings (without their event id lists), computed once per change of the store: evaluating every
 * correlation over millions of stored matches takes a second, and findings only change when events, files
 * or acknowledgements do. Thread-safe.
 */
final class FindingsCache {
  private final Db db;
  private String version = "";
  private List<Map<String, Object>> rows = List.of();

  FindingsCache(Db db) {
    this.db = db;
  }

  synchronized List<Map<String, Object>> all() {
    String now = String.valueOf(db.rows("SELECT (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM files) || '/'"
        + " || (SELECT count(*) FROM acknowledgements) || '/' || (SELECT count(*) FROM matches) AS v").get(0).get("v"));
    if (!now.equals(version)) {
      rows = db.rows("SELECT finding_id, kind, rule_id, title, level, tags, account, region, actor, events, first_seen, last_seen, status FROM findings");
      version = now;
    }
    return rows;
  }
}
