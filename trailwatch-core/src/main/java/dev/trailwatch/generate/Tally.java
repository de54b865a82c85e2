// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of what was written; per slot, then merged (merging commutes, so thread order does not matter). */
final class Tally {
  long events;
  int files;
  long errors;
  long first = Long.MAX_VALUE;
  long last = Long.MIN_VALUE;
  final Map<String, Long> byAccount = new TreeMap<>();
  final Map<String, Long> byRegion = new TreeMap<>();
  final Map<String, Long> byService = new TreeMap<>();
  final Map<String, Long> byIdentityType = new TreeMap<>();

  void count(Draft d) {
    events++;
    if (d.errorCode != null) {
      errors++;
    }
    first = Math.min(first, d.epochSecond);
    last = Math.max(last, d.epochSecond);
    byAccount.merge(d.account, 1L, Long::sum);
    byRegion.merge(d.region, 1L, Long::sum);
    byService.merge(d.eventSource, 1L, Long::sum);
    byIdentityType.merge(d.identity.type(), 1L, Long::sum);
  }

  synchronized void add(Tally t) {
    events += t.events;
    files += t.files;
    errors += t.errors;
    first = Math.min(first, t.first);
    last = Math.max(last, t.last);
    t.byAccount.forEach((k, v) -> byAccount.merge(k, v, Long::sum));
    t.byRegion.forEach((k, v) -> byRegion.merge(k, v, Long::sum));
    t.byService.forEach((k, v) -> byService.merge(k, v, Long::sum));
    t.byIdentityType.forEach((k, v) -> byIdentityType.merge(k, v, Long::sum));
  }

  CorpusSummary summary(List<Incident> incidents) {
    return new CorpusSummary(events, files, errors, events == 0 ? "" : RecordWriter.time(first), events == 0 ? "" : RecordWriter.time(last),
        byAccount, byRegion, byService, byIdentityType, incidents);
  }
}
