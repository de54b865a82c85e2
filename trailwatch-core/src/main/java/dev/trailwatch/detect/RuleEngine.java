// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.detect.sigma.Correlation;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaRule;
import dev.trailwatch.event.CloudTrailEvent;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs every rule on each event. Rules are indexed by the {@code eventName} (or, failing that, the
 * {@code eventSource}) values they require, so an event meets only the rules that can match it and hundreds
 * of rules cost little. Immutable and thread-safe: reader threads share one engine.
 */
public final class RuleEngine {
  private final List<SigmaRule> rules;
  private final List<Correlation> correlations;
  private final Map<String, List<SigmaRule>> byName = new HashMap<>();
  private final Map<String, List<SigmaRule>> bySource = new HashMap<>();
  private final List<SigmaRule> everyEvent = new ArrayList<>();
  private final Map<String, List<Correlation>> correlationsOf = new HashMap<>();
  private final Set<String> quiet = new HashSet<>();

  public RuleEngine(ParsedRules parsed) {
    this.rules = parsed.rules();
    this.correlations = parsed.correlations();
    for (SigmaRule r : rules) {
      Optional<Set<String>> names = r.requiredValues("eventName");
      Optional<Set<String>> sources = r.requiredValues("eventSource");
      if (names.isPresent()) {
        names.get().forEach(n -> byName.computeIfAbsent(n, k -> new ArrayList<>()).add(r));
      } else if (sources.isPresent()) {
        sources.get().forEach(s -> bySource.computeIfAbsent(s, k -> new ArrayList<>()).add(r));
      } else {
        everyEvent.add(r);
      }
    }
    for (Correlation c : correlations) {
      for (String ref : c.rules()) {
        correlationsOf.computeIfAbsent(ref, k -> new ArrayList<>()).add(c);
        if (!c.generate()) {
          quiet.add(ref);
        }
      }
    }
  }

  /** An engine with no rules. */
  public static RuleEngine none() {
    return new RuleEngine(ParsedRules.empty());
  }

  public List<SigmaRule> rules() {
    return rules;
  }

  public List<Correlation> correlations() {
    return correlations;
  }

  /** How many rules never run on an event whose name they do not name. */
  public int indexedRules() {
    return rules.size() - everyEvent.size();
  }

  /** The rules that match the event (empty for most events). */
  public List<RuleMatch> evaluate(CloudTrailEvent e) {
    List<SigmaRule> named = e.eventName() == null ? List.of() : byName.getOrDefault(e.eventName().toLowerCase(Locale.ROOT), List.of());
    List<SigmaRule> sourced = e.eventSource() == null ? List.of() : bySource.getOrDefault(e.eventSource().toLowerCase(Locale.ROOT), List.of());
    if (named.isEmpty() && sourced.isEmpty() && everyEvent.isEmpty()) {
      return List.of(); // most events with an indexed pack: no view, no allocation
    }
    EventFields fields = new EventFields(e);
    List<RuleMatch> out = run(named, e, fields, null);
    out = run(sourced, e, fields, out);
    out = run(everyEvent, e, fields, out);
    return out == null ? List.of() : out;
  }

  private @org.jspecify.annotations.Nullable List<RuleMatch> run(List<SigmaRule> candidates, CloudTrailEvent e, EventFields fields,
      @org.jspecify.annotations.Nullable List<RuleMatch> out) {
    for (SigmaRule r : candidates) {
      if (r.matches(fields)) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(match(r, e, fields));
      }
    }
    return out;
  }

  private RuleMatch match(SigmaRule r, CloudTrailEvent e, EventFields fields) {
    String day = e.eventTime() == null ? "" : e.eventTime().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    // Sessions of one role are the same principal: fold them (machine roles open a session per task).
    String principal = e.userIdentity().sessionIssuerUserName() != null ? "role:" + e.userIdentity().sessionIssuerUserName() : e.actor();
    String dedupe = String.join("|", r.id(), nz(e.recipientAccountId()), nz(e.awsRegion()), principal, day);
    List<RuleMatch.CorrelationKey> keys = new ArrayList<>();
    for (String ref : r.name() == null ? List.of(r.id()) : List.of(r.id(), r.name())) {
      for (Correlation c : correlationsOf.getOrDefault(ref, List.of())) {
        List<String> group = new ArrayList<>();
        for (String g : c.groupBy()) {
          group.add(first(fields, g));
        }
        keys.add(new RuleMatch.CorrelationKey(c.id(), String.join("\u001f", group), c.valueField() == null ? "" : first(fields, c.valueField())));
      }
    }
    boolean finding = !quiet.contains(r.id()) && (r.name() == null || !quiet.contains(r.name()));
    return new RuleMatch(r.id(), r.title(), r.level().label(), r.tags(), finding, dedupe, e, keys);
  }

  private static String first(EventFields fields, String field) {
    List<JsonNode> v = fields.values(field);
    return v.isEmpty() || v.get(0).isNull() ? "" : v.get(0).asText();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
