// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.detect.sigma.Correlation;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.RuleGate;
import dev.trailwatch.detect.sigma.SigmaRule;
import dev.trailwatch.event.CloudTrailEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs every rule on each event, as cheaply as the rules allow. Rules are indexed by the {@code eventName}
 * (or, failing that, the {@code eventSource}) values they require, so an event meets only the rules that can
 * match it; each rule's {@link RuleGate} then answers from the event's typed text fields whether it may match
 * (and, for most rules, whether it does), so the event's field view is built, and nested documents parsed,
 * only for rules that need them. Immutable and thread-safe: reader threads share one engine.
 */
public final class RuleEngine {
  /** How many spellings of event names and sources keep their index entry (they are attacker-controlled text). */
  private static final int SPELLINGS_KEPT = 10_000;

  private final List<SigmaRule> rules;
  private final List<Correlation> correlations;
  private final Map<String, List<Compiled>> byName = new HashMap<>();
  private final Map<String, List<Compiled>> bySource = new HashMap<>();
  private final List<Compiled> everyEvent = new ArrayList<>();
  /*
   * Index entries by each spelling seen: lower-casing every event's name costs more than the rest of the
   * look-up, and CloudTrail uses a few hundred distinct names.
   */
  private final BoundedMemo<String, List<Compiled>> namesSeen =
      new BoundedMemo<>(SPELLINGS_KEPT, n -> byName.getOrDefault(n.toLowerCase(Locale.ROOT), List.of()));
  private final BoundedMemo<String, List<Compiled>> sourcesSeen =
      new BoundedMemo<>(SPELLINGS_KEPT, n -> bySource.getOrDefault(n.toLowerCase(Locale.ROOT), List.of()));
  /** The ISO text of each day seen (event times are attacker-controlled too). */
  private final BoundedMemo<Long, String> days = new BoundedMemo<>(SPELLINGS_KEPT, d -> LocalDate.ofEpochDay(d).toString());

  /**
   * A rule with what the engine works out once: its gate (null when its condition says nothing about text
   * fields), the correlations that name it, and whether its matches are findings (not when only a
   * correlation that does not generate them names it).
   */
  private record Compiled(SigmaRule rule, @Nullable RuleGate<CloudTrailEvent> gate, List<Correlation> correlations, boolean finding) {}

  public RuleEngine(ParsedRules parsed) {
    this.rules = parsed.rules();
    this.correlations = parsed.correlations();
    Map<String, List<Correlation>> correlationsOf = new HashMap<>();
    Set<String> quiet = new HashSet<>();
    for (Correlation c : correlations) {
      for (String ref : c.rules()) {
        correlationsOf.computeIfAbsent(ref, k -> new ArrayList<>()).add(c);
        if (!c.generate()) {
          quiet.add(ref);
        }
      }
    }
    for (SigmaRule r : rules) {
      List<Correlation> named = new ArrayList<>(correlationsOf.getOrDefault(r.id(), List.of()));
      if (r.name() != null) {
        named.addAll(correlationsOf.getOrDefault(r.name(), List.of()));
      }
      boolean finding = !quiet.contains(r.id()) && (r.name() == null || !quiet.contains(r.name()));
      Compiled c = new Compiled(r, RuleGate.of(r, EventFields.TEXT_FIELDS), List.copyOf(named), finding);
      Optional<Set<String>> names = r.requiredValues("eventName");
      Optional<Set<String>> sources = r.requiredValues("eventSource");
      if (names.isPresent()) {
        names.get().forEach(n -> byName.computeIfAbsent(n, k -> new ArrayList<>()).add(c));
      } else if (sources.isPresent()) {
        sources.get().forEach(s -> bySource.computeIfAbsent(s, k -> new ArrayList<>()).add(c));
      } else {
        everyEvent.add(c);
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

  /** For each correlation, the ids of the rules it names (by id or by name), in order. */
  public Map<String, List<String>> correlatedRuleIds() {
    Map<String, List<String>> out = new HashMap<>();
    for (Correlation c : correlations) {
      List<String> ids = new ArrayList<>();
      for (String ref : c.rules()) {
        rules.stream().filter(r -> r.id().equals(ref) || ref.equals(r.name())).findFirst().ifPresent(r -> ids.add(r.id()));
      }
      out.put(c.id(), ids);
    }
    return out;
  }

  /**
   * The event names (lower case) that can match some rule, when every rule names the calls it looks at; empty
   * when some rule may match any call. A replay needs to read only these events.
   */
  public Optional<Set<String>> eventNames() {
    return bySource.isEmpty() && everyEvent.isEmpty() ? Optional.of(Set.copyOf(byName.keySet())) : Optional.empty();
  }

  /** How many rules never run on an event whose name they do not name. */
  public int indexedRules() {
    return rules.size() - everyEvent.size();
  }

  /** The rules that match the event (empty for most events). */
  public List<RuleMatch> evaluate(CloudTrailEvent e) {
    List<Compiled> named = e.eventName() == null ? List.of() : namesSeen.get(e.eventName());
    List<Compiled> sourced = e.eventSource() == null ? List.of() : sourcesSeen.get(e.eventSource());
    if (named.isEmpty() && sourced.isEmpty() && everyEvent.isEmpty()) {
      return List.of(); // most events with an indexed pack: no view, no allocation
    }
    Run run = new Run(e);
    run.all(named);
    run.all(sourced);
    run.all(everyEvent);
    return run.out == null ? List.of() : run.out;
  }

  /** One event's evaluation: its field view is made on first need. */
  private final class Run {
    private final CloudTrailEvent e;
    private @Nullable EventFields fields;
    @Nullable List<RuleMatch> out;

    Run(CloudTrailEvent e) {
      this.e = e;
    }

    void all(List<Compiled> candidates) {
      for (Compiled c : candidates) {
        RuleGate<CloudTrailEvent> g = c.gate();
        boolean matched;
        if (g != null && !g.mayMatch(e)) {
          matched = false;
        } else {
          matched = g != null && g.exact() || c.rule().matches(fields());
        }
        if (matched) {
          if (out == null) {
            out = new ArrayList<>(2);
          }
          out.add(match(c, e, this));
        }
      }
    }

    EventFields fields() {
      EventFields f = fields;
      if (f == null) {
        f = new EventFields(e);
        fields = f;
      }
      return f;
    }
  }

  private RuleMatch match(Compiled c, CloudTrailEvent e, Run run) {
    SigmaRule r = c.rule();
    String day = e.eventTime() == null ? "" : days.get(Math.floorDiv(e.eventTime().getEpochSecond(), 86_400L));
    // Sessions of one role are the same principal: fold them (machine roles open a session per task).
    String issuer = e.userIdentity().sessionIssuerUserName();
    String principal = issuer != null ? "role:" + issuer : e.actor();
    String dedupe = r.id() + '|' + nz(e.recipientAccountId()) + '|' + nz(e.awsRegion()) + '|' + principal + '|' + day;
    List<RuleMatch.CorrelationKey> keys = c.correlations().isEmpty() ? List.of() : correlationKeys(c, run);
    return new RuleMatch(r.id(), r.title(), r.level().label(), r.tags(), c.finding(), dedupe, e, keys);
  }

  private static List<RuleMatch.CorrelationKey> correlationKeys(Compiled c, Run run) {
    List<RuleMatch.CorrelationKey> keys = new ArrayList<>(c.correlations().size());
    for (Correlation k : c.correlations()) {
      List<String> group = new ArrayList<>();
      for (String g : k.groupBy()) {
        group.add(first(run.fields(), g));
      }
      keys.add(new RuleMatch.CorrelationKey(k.id(), String.join("\u001f", group), k.valueField() == null ? "" : first(run.fields(), k.valueField())));
    }
    return keys;
  }

  private static String first(EventFields fields, String field) {
    List<JsonNode> v = fields.values(field);
    return v.isEmpty() || v.get(0).isNull() ? "" : v.get(0).asText();
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }
}
