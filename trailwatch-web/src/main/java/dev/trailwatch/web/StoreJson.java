// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.store.duckdb.Finding;
import dev.trailwatch.store.duckdb.StoreStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of statistics and findings, one definition for both sides: the API answers with them and
 * the command line prints them ({@code --json}) and reads them back when it asks a running server.
 */
public final class StoreJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoreJson() {}

  public static ObjectNode stats(StoreStats s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("events", s.events());
    n.put("files", s.files());
    n.put("problems", s.problems());
    n.put("first_event", text(s.firstEvent()));
    n.put("last_event", text(s.lastEvent()));
    n.put("errors", s.errors());
    n.set("by_account", JSON.valueToTree(s.byAccount()));
    n.set("by_region", JSON.valueToTree(s.byRegion()));
    n.set("by_service", JSON.valueToTree(s.byService()));
    n.set("by_identity_type", JSON.valueToTree(s.byIdentityType()));
    n.set("by_day", JSON.valueToTree(s.byDay()));
    return n;
  }

  public static StoreStats stats(JsonNode n) {
    return new StoreStats(n.path("events").asLong(), n.path("files").asLong(), n.path("problems").asLong(), instant(n.get("first_event")),
        instant(n.get("last_event")), n.path("errors").asLong(), counts(n.path("by_account")), counts(n.path("by_region")),
        counts(n.path("by_service")), counts(n.path("by_day")), counts(n.path("by_identity_type")));
  }

  public static ObjectNode finding(Finding f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("finding_id", f.key());
    n.put("kind", f.kind());
    n.put("rule_id", f.ruleId());
    n.put("title", f.title());
    n.put("level", f.level());
    ArrayNode tags = n.putArray("tags");
    f.tags().forEach(tags::add);
    ArrayNode ids = n.putArray("event_ids");
    f.eventIds().forEach(ids::add);
    n.put("events", f.events());
    n.put("account", f.account());
    n.put("region", f.region());
    n.put("actor", f.actor());
    n.put("first_seen", text(f.firstSeen()));
    n.put("last_seen", text(f.lastSeen()));
    n.put("status", f.status());
    return n;
  }

  public static Finding finding(JsonNode n) {
    return new Finding(n.path("finding_id").asText(), n.path("kind").asText(), n.path("rule_id").asText(), n.path("title").asText(),
        n.path("level").asText(), strings(n.path("tags")), strings(n.path("event_ids")), n.path("events").asLong(), textOrNull(n.get("account")),
        textOrNull(n.get("region")), textOrNull(n.get("actor")), instant(n.get("first_seen")), instant(n.get("last_seen")), n.path("status").asText());
  }

  private static @Nullable String text(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }

  private static @Nullable String textOrNull(@Nullable JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }

  private static @Nullable Instant instant(@Nullable JsonNode v) {
    return v == null || v.isNull() ? null : Instant.parse(v.asText());
  }

  private static Map<String, Long> counts(JsonNode n) {
    Map<String, Long> out = new LinkedHashMap<>();
    n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return out;
  }
}
