// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.RuleGate;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.detect.sigma.SigmaRule;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.RecordSink;
import dev.trailwatch.generate.CorpusGenerator;
import dev.trailwatch.generate.GeneratorConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The index and the gates only skip rules that cannot match: on a realistic corpus with planted incidents, the
 * engine finds exactly what running every rule on every event finds, with the built-in pack and SigmaHQ's rules.
 */
class RuleEngineIndexTest {
  private static final Map<String, java.util.function.Function<Map<String, String>, @org.jspecify.annotations.Nullable String>> TYPED =
      Map.of("eventName", m -> m.get("eventName"), "userIdentity.type", m -> m.get("userIdentity.type"));

  @TempDir Path tmp;

  @Test
  void skipsNothingThatWouldMatch() throws Exception {
    ParsedRules rules = RuleSources.load(true, List.of(SigmaHqRulesTest.SIGMA.resolve("rules")), Map.of());
    RuleEngine engine = new RuleEngine(rules);
    new CorpusGenerator().generate(new GeneratorConfig(tmp, 30_000, List.of("111111111111", "222222222222"), List.of("us-east-1", "eu-west-1"), 2,
        Instant.parse("2026-11-02T00:00:00Z"), 7, true, null), n -> {});
    List<CloudTrailEvent> events = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tmp.resolve("AWSLogs"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json.gz") && p.toString().contains("/CloudTrail/")).toList()) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
          new LogFileParser().parse(in, RecordSink.of(events::add, problem -> {}));
        }
      }
    }
    long matches = 0;
    for (CloudTrailEvent e : events) {
      Set<String> everyRule = new TreeSet<>();
      EventFields fields = new EventFields(e);
      for (SigmaRule r : rules.rules()) {
        if (r.matches(fields)) {
          everyRule.add(r.id());
        }
      }
      Set<String> indexed = new TreeSet<>();
      engine.evaluate(e).forEach(m -> indexed.add(m.ruleId()));
      assertThat(indexed).as("event %s %s", e.eventName(), e.eventId()).isEqualTo(everyRule);
      matches += everyRule.size();
    }
    assertThat(events).hasSizeGreaterThanOrEqualTo(30_000);
    assertThat(matches).isGreaterThan(10_000);
  }

  @ParameterizedTest(name = "{0} by {1}: {2}")
  @CsvSource(textBlock = """
      RunInstances,         IAMUser,        true
      CreateBucket,         IAMUser,        true
      runinstances,         IAMUser,        true
      DescribeInstances,    IAMUser,        false
      TerminateInstances,   IAMUser,        false
      RunInstances,         AWSService,     false
      """)
  void aGateAnswersFromTextFieldsAlone(String eventName, String type, boolean mayMatch) {
    String rule = """
        title: created
        logsource: {product: aws, service: cloudtrail}
        detection:
          selection:
            eventName|startswith: [Run, Create, Launch]
          filter:
            userIdentity.type: AWSService
          condition: selection and not filter
        """;
    RuleGate<Map<String, String>> gate = RuleGate.of(new SigmaParser().parse("r.yml", rule).rules().get(0), TYPED);
    assertThat(gate).isNotNull();
    assertThat(gate.exact()).isTrue();
    assertThat(gate.mayMatch(Map.of("eventName", eventName, "userIdentity.type", type))).isEqualTo(mayMatch);
  }

  @Test
  void aConditionThatNeedsNoTextFieldHasNoGate() {
    String rule = """
        title: nested only
        logsource: {product: aws, service: cloudtrail}
        detection:
          selection:
            requestParameters.policyDocument|contains: '"*"'
          other:
            eventName: PutUserPolicy
          condition: selection or other
        """;
    assertThat(RuleGate.of(new SigmaParser().parse("r.yml", rule).rules().get(0), TYPED)).isNull();
  }
}
