// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.detect.sigma.Correlation;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code findings} view: one finding per dedupe key of single-rule matches (stored folded per commit:
 * one {@code matches} row per key holds its event ids, count and time range), and one per burst of each
 * correlation. Correlations are evaluated in event time over every stored match, whatever order and run the
 * events came in: a burst is an island of matches no further apart than the timespan, and it is a finding
 * when some timespan-long window inside it meets the condition. Being a view, a burst whose events arrive
 * late or across several runs is still one finding.
 */
final class FindingViews {
  private FindingViews() {}

  /** The view over single-rule findings and the given per-correlation queries (see {@link #correlationSql}). */
  static String sql(List<String> correlationQueries) {
    List<String> parts = new ArrayList<>();
    parts.add(
        """
        SELECT dedupe_key AS finding_key, 'rule' AS kind, any_value(rule_id) AS rule_id, any_value(title) AS title,
               any_value(level) AS level, any_value(tags) AS tags,
               flatten(list(string_split(event_keys, chr(10)) ORDER BY first_time)) AS event_ids, sum(events) AS events,
               any_value(recipient_account_id) AS account, any_value(aws_region) AS region, any_value(actor) AS actor,
               min(first_time) AS first_seen, max(last_time) AS last_seen
        FROM matches GROUP BY dedupe_key""");
    parts.addAll(correlationQueries);
    return "CREATE OR REPLACE VIEW findings AS SELECT left(md5(f.finding_key), 12) AS finding_id, f.*,"
        + " CASE WHEN a.finding_key IS NULL THEN 'open' ELSE 'acknowledged' END AS status"
        + " FROM (" + String.join("\nUNION ALL\n", parts) + ") f"
        + " LEFT JOIN (SELECT DISTINCT finding_key FROM acknowledgements) a ON a.finding_key = f.finding_key";
  }

  /** The findings query of one correlation; {@code rules} are the ids of the rules it names, in order. */
  static String correlationSql(Correlation c, List<String> rules) {
    long span = c.timespan().getSeconds();
    String window = "OVER (PARTITION BY group_key ORDER BY event_time RANGE BETWEEN INTERVAL " + span + " SECOND PRECEDING AND CURRENT ROW)";
    String inSpan = switch (c.type()) {
      case EVENT_COUNT -> "count(*) " + window;
      case VALUE_COUNT -> "count(DISTINCT value) " + window;
      case TEMPORAL, TEMPORAL_ORDERED -> "count(DISTINCT rule_id) " + window;
    };
    String op = switch (c.op()) {
      case "gt" -> ">";
      case "gte" -> ">=";
      case "lt" -> "<";
      case "lte" -> "<=";
      default -> "=";
    };
    String having = "max(in_span) " + op + " " + c.threshold();
    if (c.type() == Correlation.Type.TEMPORAL_ORDERED) {
      for (int i = 0; i + 1 < rules.size(); i++) {
        having += " AND min(CASE WHEN rule_id = " + literal(rules.get(i)) + " THEN event_time END)"
            + " <= min(CASE WHEN rule_id = " + literal(rules.get(i + 1)) + " THEN event_time END)";
      }
    }
    return """
        SELECT %s || '|' || group_key || '|' || strftime(min(event_time), '%%Y-%%m-%%dT%%H:%%M:%%SZ') AS finding_key, 'correlation' AS kind,
               %s AS rule_id, %s AS title, %s AS level, %s AS tags,
               list(event_key ORDER BY event_time, event_key) AS event_ids, count(*) AS events,
               any_value(recipient_account_id) AS account, any_value(aws_region) AS region, any_value(actor) AS actor,
               min(event_time) AS first_seen, max(event_time) AS last_seen
        FROM (
          SELECT *, sum(new_island) OVER (PARTITION BY group_key ORDER BY event_time, event_key ROWS UNBOUNDED PRECEDING) AS island,
                 %s AS in_span
          FROM (
            SELECT *, CASE WHEN event_time - lag(event_time) OVER (PARTITION BY group_key ORDER BY event_time, event_key)
                             <= INTERVAL %d SECOND THEN 0 ELSE 1 END AS new_island
            FROM correlation_events WHERE correlation_id = %s AND event_time IS NOT NULL
          )
        )
        GROUP BY group_key, island
        HAVING %s"""
        .formatted(literal(c.id()), literal(c.id()), literal(c.title()), literal(c.level().label()), literal(String.join(",", c.tags())),
            inSpan, span, literal(c.id()), having);
  }

  /** A SQL string literal of text from rule files (never event text). */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
