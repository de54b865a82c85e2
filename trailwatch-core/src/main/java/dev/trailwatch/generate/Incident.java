// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import java.util.List;

/**
 * A planted scenario: what it is and which events make it up (written to {@code incidents.json}).
 *
 * @param id stable name, e.g. {@code world-open-ssh}
 * @param watch what a defender watches for, in the words of the brief
 */
public record Incident(String id, String title, String watch, String account, String region, String firstEventTime, List<String> eventIds) {
  public Incident {
    eventIds = List.copyOf(eventIds);
  }
}
