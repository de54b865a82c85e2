// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A finding as stored: one rule's repeated matches of the same activity folded together (every event id
 * kept), or one burst of a correlation.
 *
 * @param key short stable id (12 hex digits of the hash of the dedupe key; for correlations the key is
 *     correlation, group and first event time)
 * @param kind {@code rule} or {@code correlation}
 * @param status {@code open} or {@code acknowledged}
 */
public record Finding(
    String key,
    String kind,
    String ruleId,
    String title,
    String level,
    List<String> tags,
    List<String> eventIds,
    long events,
    @Nullable String account,
    @Nullable String region,
    @Nullable String actor,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    String status) {
  public Finding {
    tags = List.copyOf(tags);
    eventIds = List.copyOf(eventIds);
  }
}
