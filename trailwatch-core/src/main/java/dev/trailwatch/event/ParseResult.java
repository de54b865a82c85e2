// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.util.List;

/** Everything found in one file held in memory. */
public record ParseResult(LogFormat format, List<CloudTrailEvent> events, List<ParseProblem> problems) {
  public ParseResult {
    events = List.copyOf(events);
    problems = List.copyOf(problems);
  }
}
