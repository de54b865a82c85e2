// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Sigma correlation rule: {@code event_count}, {@code value_count}, {@code temporal} or {@code
 * temporal_ordered} over the matches of other rules, grouped by fields, within a timespan, in event time.
 *
 * @param rules the ids (or names) of the rules it correlates
 * @param op {@code gt gte lt lte eq} for the counting types; {@code gte} 1 for temporal ones
 * @param valueField for {@code value_count}: the field whose distinct values are counted
 * @param generate whether the correlated rules also raise findings of their own (the specification's
 *     {@code generate}, false by default)
 */
public record Correlation(
    String id,
    String title,
    Level level,
    Type type,
    List<String> rules,
    List<String> groupBy,
    Duration timespan,
    String op,
    long threshold,
    @Nullable String valueField,
    List<String> tags,
    String source,
    boolean generate) {

  public Correlation {
    rules = List.copyOf(rules);
    groupBy = List.copyOf(groupBy);
    tags = List.copyOf(tags);
  }

  /** The correlation types of the specification. */
  public enum Type {
    EVENT_COUNT,
    VALUE_COUNT,
    TEMPORAL,
    TEMPORAL_ORDERED
  }

  /** Whether a count satisfies the condition. */
  public boolean satisfied(long count) {
    return switch (op) {
      case "gt" -> count > threshold;
      case "gte" -> count >= threshold;
      case "lt" -> count < threshold;
      case "lte" -> count <= threshold;
      default -> count == threshold;
    };
  }
}
