// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import dev.trailwatch.event.CloudTrailEvent;
import java.util.List;

/**
 * A rule that matched an event, ready to be stored.
 *
 * @param dedupeKey folds repeated matches of the same activity into one finding: rule, account, region,
 *     principal (the role for role sessions, else the actor) and UTC day
 * @param groupKeys for each correlation that uses this rule, its id and the event's group-by values
 */
public record RuleMatch(String ruleId, String title, String level, List<String> tags, boolean finding, String dedupeKey,
    CloudTrailEvent event, List<CorrelationKey> groupKeys) {
  public RuleMatch {
    tags = List.copyOf(tags);
    groupKeys = List.copyOf(groupKeys);
  }

  /** A correlation this match feeds, with the event's group-by values joined (and the counted value). */
  public record CorrelationKey(String correlationId, String group, String value) {}
}
