// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.detect.sigma.SigmaRule;
import dev.trailwatch.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in rule parses, is well described, and matches its match cases and none of its near misses. */
class BuiltinRulesTest {
  static final ParsedRules BUILTIN = RuleSources.builtin(new SigmaParser());
  static final Map<String, SigmaRule> BY_ID = BUILTIN.rules().stream().collect(Collectors.toMap(SigmaRule::id, Function.identity()));

  static Stream<RuleCases.Cases> cases() {
    List<RuleCases.Cases> all = new ArrayList<>();
    for (String f : RuleSources.BUILTIN_FILES) {
      all.addAll(RuleCases.read(RuleSources.builtinText(f)));
    }
    return all.stream();
  }

  @Test
  void thePackParsesWithoutProblems() {
    assertThat(BUILTIN.problems()).isEmpty();
    assertThat(BUILTIN.rules().stream().filter(r -> r.tags().stream().anyMatch(t -> t.startsWith("cis.aws.4.")))
        .map(r -> r.tags().stream().filter(t -> t.startsWith("cis.aws.4.")).findFirst().orElseThrow()).distinct())
        .hasSize(15);
    long attackRules = BUILTIN.rules().stream().filter(r -> r.tags().stream().noneMatch(t -> t.startsWith("cis.")))
        .filter(r -> r.tags().stream().anyMatch(t -> t.startsWith("attack."))).count();
    assertThat(attackRules + BUILTIN.correlations().size()).isGreaterThanOrEqualTo(60 + 8);
    assertThat(BUILTIN.correlations()).hasSizeGreaterThanOrEqualTo(7);
  }

  @Test
  void everyRuleIsDescribedForTheAnalyst() {
    for (SigmaRule r : BUILTIN.rules()) {
      assertThat(r.id()).as(r.source()).matches("[0-9a-f-]{36}");
      assertThat(r.title()).as(r.source()).isNotBlank();
      assertThat(r.falsepositives()).as("falsepositives of %s", r.title()).isNotEmpty();
      assertThat(r.tags()).as("tags of %s", r.title()).anyMatch(t -> t.startsWith("attack.") || t.startsWith("cis.") || t.startsWith("trailwatch."));
    }
  }

  @Test
  void everyRuleHasCases() {
    Map<String, RuleCases.Cases> byId = cases().collect(Collectors.toMap(RuleCases.Cases::ruleId, Function.identity()));
    for (SigmaRule r : BUILTIN.rules()) {
      if (List.of("Secrets listed").contains(r.title())) {
        continue; // a sub-rule of the temporal correlation, exercised by the correlation test
      }
      assertThat(byId).as("cases of %s", r.title()).containsKey(r.id());
      assertThat(byId.get(r.id()).match()).as("match cases of %s", r.title()).isNotEmpty();
      assertThat(byId.get(r.id()).nomatch()).as("nomatch cases of %s", r.title()).isNotEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesItsCasesAndNotItsNearMisses(RuleCases.Cases c) {
    SigmaRule rule = BY_ID.get(c.ruleId());
    assertThat(rule).as("rule %s", c.ruleId()).isNotNull();
    for (CloudTrailEvent e : c.match()) {
      assertThat(rule.matches(new EventFields(e))).as("%s should match %s", rule.title(), e.raw().text()).isTrue();
    }
    for (CloudTrailEvent e : c.nomatch()) {
      assertThat(rule.matches(new EventFields(e))).as("%s should not match %s", rule.title(), e.raw().text()).isFalse();
    }
  }

  @Test
  void theEngineFindsARuleThroughItsIndex() {
    RuleEngine engine = new RuleEngine(BUILTIN);
    CloudTrailEvent stop = RuleCases.events(List.of(Map.of("eventSource", "cloudtrail.amazonaws.com", "eventName", "StopLogging",
        "userIdentity", Map.of("type", "IAMUser", "userName", "bob")))).get(0);
    assertThat(engine.evaluate(stop)).extracting(RuleMatch::title)
        .contains("CloudTrail logging stopped or trail deleted", "CIS 4.5: CloudTrail configuration changes");
    assertThat(engine.indexedRules()).isGreaterThan(BUILTIN.rules().size() / 2);
  }
}
