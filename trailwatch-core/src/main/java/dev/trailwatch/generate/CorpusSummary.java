// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import java.util.List;
import java.util.Map;

/**
 * What the generator claims to have written (also written as {@code corpus.json}), so a store can be
 * checked against it.
 */
public record CorpusSummary(
    long events,
    int files,
    long errors,
    String firstEvent,
    String lastEvent,
    Map<String, Long> byAccount,
    Map<String, Long> byRegion,
    Map<String, Long> byService,
    Map<String, Long> byIdentityType,
    List<Incident> incidents) {}
