// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The panels of the dashboard, each one query. Values from events only ever travel as bound parameters;
 * the only text placed into SQL is chosen from fixed lists here (bucket sizes, column names).
 */
final class DashboardQueries {
  /** Typed columns the Explore page may filter on. */
  static final Set<String> FILTERABLE = Set.of("event_name", "event_source", "aws_region", "recipient_account_id", "actor",
      "source_ip_address", "user_agent", "identity_type", "identity_arn", "identity_user_name", "identity_access_key_id",
      "error_code", "event_type", "event_category", "request_id", "shared_event_id", "session_issuer_user_name", "vpc_endpoint_id", "event_key");
  static final List<String> CIS = List.of("4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11", "4.12", "4.13", "4.14", "4.15");

  static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "informational");
  private static final java.util.regex.Pattern CIS_TAG = java.util.regex.Pattern.compile("cis\\.aws\\.(4\\.\\d+)");

  private final Db db;
  private final FindingsCache findings;

  DashboardQueries(Db db) {
    this.db = db;
    this.findings = new FindingsCache(db);
  }

  /** {@code 2026-11-02T10:23:45Z} cut to the minute, hour or day. */
  static String truncate(String iso, String bucket) {
    return switch (bucket) {
      case "minute" -> iso.substring(0, 16) + ":00Z";
      case "hour" -> iso.substring(0, 13) + ":00:00Z";
      default -> iso.substring(0, 10) + "T00:00:00Z";
    };
  }

  /** The newest event time, the anchor of relative ranges. */
  Instant newest() {
    Object v = db.rows("SELECT max(event_time) AS t FROM events").get(0).get("t");
    return v == null ? Instant.now() : Instant.parse((String) v);
  }

  /** Filter clause for account/region, with its arguments appended to {@code args}. */
  private static String scope(Filters f, List<Object> args, TimeRange r) {
    StringBuilder w = new StringBuilder(" event_time >= ? AND event_time < ?");
    args.add(r.from());
    args.add(r.to());
    if (f.account() != null) {
      w.append(" AND recipient_account_id = ?");
      args.add(f.account());
    }
    if (f.region() != null) {
      w.append(" AND aws_region = ?");
      args.add(f.region());
    }
    return w.toString();
  }

  /** Runs one panel's query and records how long it took under {@code timings_ms}. */
  private static <T> T panel(Map<String, Object> out, String name, java.util.function.Supplier<T> query) {
    long t0 = System.nanoTime();
    T result = query.get();
    @SuppressWarnings("unchecked") // created below as a LinkedHashMap<String, Long>
    Map<String, Long> timings = (Map<String, Long>) out.computeIfAbsent("timings_ms", k -> new LinkedHashMap<String, Long>());
    timings.put(name, (System.nanoTime() - t0) / 1_000_000);
    out.put(name, result);
    return result;
  }

  Map<String, Object> operations(TimeRange r, Filters f) {
    Map<String, Object> out = new LinkedHashMap<>();
    Instant newest = newest();
    List<Object> hour = new ArrayList<>();
    String lastHour = scope(f, hour, new TimeRange(newest.minusSeconds(3600), newest.plusSeconds(1)));
    panel(out, "actions_last_60m", () -> db.rows("SELECT event_name AS name, count(*) AS n FROM events WHERE" + lastHour
        + " AND read_only = false GROUP BY 1 ORDER BY n DESC, name LIMIT 20", hour.toArray()));
    List<Object> a = new ArrayList<>();
    String w = scope(f, a, r);
    String bucket = "date_trunc('" + r.bucket() + "', event_time)";
    panel(out, "services_over_time", () -> db.rows("WITH top AS (SELECT event_source FROM events WHERE" + w + " GROUP BY 1 ORDER BY count(*) DESC LIMIT 8) "
        + "SELECT " + bucket + " AS t, event_source AS series, count(*) AS n FROM events WHERE" + w
        + " AND event_source IN (SELECT event_source FROM top) GROUP BY 1, 2 ORDER BY 1, 2", concat(a, a)));
    panel(out, "by_region", () -> db.rows("SELECT coalesce(aws_region, '(none)') AS name, count(*) AS n FROM events WHERE" + w + " GROUP BY 1 ORDER BY n DESC", a.toArray()));
    panel(out, "top_event_names", () -> db.rows("SELECT event_name AS name, count(*) AS n FROM events WHERE" + w + " GROUP BY 1 ORDER BY n DESC, name LIMIT 15", a.toArray()));
    panel(out, "top_actors", () -> db.rows("SELECT actor AS name, count(*) AS n FROM events WHERE" + w + " GROUP BY 1 ORDER BY n DESC, name LIMIT 15", a.toArray()));
    panel(out, "errors_over_time", () -> db.rows("SELECT " + bucket + " AS t, count(*) FILTER (WHERE error_code IS NOT NULL) AS errors, count(*) AS n FROM events WHERE" + w
        + " GROUP BY 1 ORDER BY 1", a.toArray()));
    out.put("events", db.rows("SELECT count(*) AS n FROM events WHERE" + w, a.toArray()).get(0).get("n"));
    out.put("range", Map.of("from", r.from().toString(), "to", r.to().toString()));
    return out;
  }

  Map<String, Object> security(TimeRange r, Filters f) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> inRange = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Map<String, Object> finding : findings.all()) {
      String first = (String) finding.get("first_seen");
      String last = (String) finding.get("last_seen");
      boolean overlaps = last != null && first != null && Instant.parse(last).compareTo(r.from()) >= 0 && Instant.parse(first).isBefore(r.to());
      if (overlaps && (f.account() == null || f.account().equals(finding.get("account"))) && (f.region() == null || f.region().equals(finding.get("region")))) {
        inRange.add(finding);
      }
    }
    Map<String, Map<String, Long>> byLevel = new java.util.TreeMap<>();
    Map<String, long[]> cis = new java.util.HashMap<>();
    for (Map<String, Object> finding : inRange) {
      String bucket = truncate((String) finding.get("last_seen"), r.bucket());
      byLevel.computeIfAbsent(bucket, k -> new java.util.TreeMap<>()).merge((String) finding.get("level"), 1L, Long::sum);
      java.util.regex.Matcher m = CIS_TAG.matcher(String.valueOf(finding.get("tags")));
      if (m.find()) {
        long[] c = cis.computeIfAbsent(m.group(1), k -> new long[2]);
        c[0]++;
        c[1] += ((Number) finding.get("events")).longValue();
      }
    }
    List<Map<String, Object>> levels = new ArrayList<>();
    byLevel.forEach((t, counts) -> counts.forEach((level, n) -> levels.add(Map.of("t", t, "series", level, "n", n))));
    out.put("findings_by_level", levels);
    inRange.sort(java.util.Comparator.comparingInt((Map<String, Object> x) -> LEVELS.indexOf(x.get("level")))
        .thenComparing(x -> (String) x.get("last_seen"), java.util.Comparator.reverseOrder()));
    out.put("findings", inRange.subList(0, Math.min(200, inRange.size())));
    List<Map<String, Object>> controls = new ArrayList<>();
    for (String c : CIS) {
      long[] v = cis.getOrDefault(c, new long[2]);
      controls.add(Map.of("control", c, "findings", v[0], "n", v[1]));
    }
    out.put("cis_controls", controls);
    out.put("timings_ms", new LinkedHashMap<>(Map.of("findings_by_level, findings, cis_controls", (System.nanoTime() - t0) / 1_000_000)));
    List<Object> a = new ArrayList<>();
    String w = scope(f, a, r);
    panel(out, "unauthorized_by_principal", () -> db.rows("SELECT actor AS name, count(*) AS n FROM events WHERE" + w
        + " AND (error_code LIKE 'AccessDenied%' OR error_code LIKE '%UnauthorizedOperation') GROUP BY 1 ORDER BY n DESC, name LIMIT 15", a.toArray()));
    panel(out, "root_activity", () -> db.rows("SELECT event_time, event_name, recipient_account_id AS account, aws_region AS region, source_ip_address, recipient_account_id, event_key FROM events WHERE" + w
        + " AND identity_type = 'Root' AND identity_invoked_by IS NULL AND coalesce(event_type, '') <> 'AwsServiceEvent' ORDER BY event_time DESC LIMIT 50", a.toArray()));
    panel(out, "console_without_mfa", () -> db.rows("SELECT event_time, actor, recipient_account_id AS account, source_ip_address, recipient_account_id, event_key FROM events WHERE" + w
        + " AND event_name = 'ConsoleLogin' AND mfa_used = false ORDER BY event_time DESC LIMIT 50", a.toArray()));
    panel(out, "exposure_changes", () -> db.rows("SELECT event_time, event_name, actor, recipient_account_id AS account, aws_region AS region, request_parameters, recipient_account_id, event_key FROM events WHERE" + w
        + " AND event_name IN ('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'ModifySecurityGroupRules', 'CreateNetworkAclEntry', 'ReplaceNetworkAclEntry')"
        + " AND (request_parameters LIKE '%0.0.0.0/0%' OR request_parameters LIKE '%::/0%') ORDER BY event_time DESC LIMIT 50", a.toArray()));
    panel(out, "creations_deletions", () -> db.rows("SELECT date_trunc('" + r.bucket() + "', event_time) AS t,"
        + " count(*) FILTER (WHERE event_name LIKE 'Run%' OR event_name LIKE 'Create%' OR event_name LIKE 'Launch%') AS created,"
        + " count(*) FILTER (WHERE event_name LIKE 'Delete%' OR event_name LIKE 'Terminate%') AS deleted FROM events WHERE" + w
        + " AND (event_name LIKE 'Run%' OR event_name LIKE 'Create%' OR event_name LIKE 'Launch%' OR event_name LIKE 'Delete%' OR event_name LIKE 'Terminate%')"
        + " GROUP BY 1 ORDER BY 1", a.toArray()));
    return out;
  }

  /** The columns free text is looked for in (our names, never the user's). */
  static final List<String> SEARCHED = List.of("event_name", "actor", "source_ip_address", "user_agent", "error_message", "request_parameters", "event_key");

  Map<String, Object> explore(TimeRange r, Filters f, Map<String, String> fieldFilters, String text, int limit, int offset) {
    List<Object> a = new ArrayList<>();
    StringBuilder w = new StringBuilder(scope(f, a, r));
    for (Map.Entry<String, String> e : fieldFilters.entrySet()) {
      if (!FILTERABLE.contains(e.getKey())) {
        throw new ApiException(400, "unknown field '" + e.getKey() + "'; filterable fields: " + String.join(", ", FILTERABLE.stream().sorted().toList()));
      }
      w.append(" AND ").append(e.getKey()).append(" = ?");
      a.add(e.getValue());
    }
    if (!text.isBlank()) {
      // The text is found as it is written (no wildcards), in any case; contains() on lower-cased text scans
      // faster than ILIKE '%…%' (5M events: 900 against 1,587 ms, bench/dashboard.sh in BENCHMARKS.md).
      w.append(" AND (").append(String.join(" OR ", SEARCHED.stream().map(c -> "contains(lower(" + c + "), ?)").toList())).append(")");
      for (int i = 0; i < SEARCHED.size(); i++) {
        a.add(text.toLowerCase(java.util.Locale.ROOT));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", db.rows("SELECT count(*) AS n FROM events WHERE" + w, a.toArray()).get(0).get("n"));
    List<Object> paged = new ArrayList<>(a);
    paged.add(limit);
    paged.add(offset);
    out.put("events", db.rows("SELECT event_time, event_name, event_source, actor, recipient_account_id, aws_region, source_ip_address, error_code, event_key FROM events WHERE" + w
        + " ORDER BY event_time DESC, event_key LIMIT ? OFFSET ?", paged.toArray()));
    out.put("limit", limit);
    out.put("offset", offset);
    return out;
  }

  Map<String, Object> sources() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("files", db.rows("SELECT source, size, format, status, records, events_new, events_duplicate, problems, ingested_at FROM files ORDER BY file_id DESC LIMIT 200"));
    out.put("problems", db.rows("SELECT source, record_index, byte_offset, reason, left(raw_text, 400) AS raw_text FROM problems ORDER BY file_id DESC LIMIT 200"));
    out.put("last_delivery", db.rows("SELECT recipient_account_id AS account, aws_region AS region, max(event_time) AS newest_event, count(*) AS events FROM events GROUP BY 1, 2 ORDER BY 1, 2"));
    out.put("totals", db.rows("SELECT (SELECT count(*) FROM files) AS files, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM problems) AS problems").get(0));
    return out;
  }

  private static Object[] concat(List<Object> x, List<Object> y) {
    List<Object> out = new ArrayList<>(x);
    out.addAll(y);
    return out.toArray();
  }
}
