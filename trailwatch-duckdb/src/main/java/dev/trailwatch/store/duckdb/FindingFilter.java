// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which findings to list; null parts do not filter.
 *
 * @param minLevel the least severe level shown
 * @param rule a rule id, or a part of a title
 */
public record FindingFilter(@Nullable Instant since, @Nullable String minLevel, @Nullable String rule, @Nullable String account,
    @Nullable String status, int limit) {
  public static FindingFilter all() {
    return new FindingFilter(null, null, null, null, null, 100_000);
  }
}
