// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import dev.trailwatch.detect.EventFields;
import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.detect.RuleSources;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.RuleGate;
import dev.trailwatch.detect.sigma.SigmaRule;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.RecordSink;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Rule evaluation on fresh events, as ingest sees them (JMH re-evaluates the same events, whose nested
 * documents stay parsed): {@code java -cp bench/target/benchmarks.jar dev.trailwatch.bench.EvaluateFresh CORPUS
 * [SIGMA_DIR]}. Prints how many rules have exact, partial or no gates; for three passes, the time to parse the
 * corpus (one thread) and then to evaluate every event; and, over the last pass, whether the engine's matches
 * equal those of running every rule on every event.
 */
public final class EvaluateFresh {
  private EvaluateFresh() {}

  public static void main(String[] args) throws Exception {
    ParsedRules rules = RuleSources.load(true, args.length > 1 ? List.of(Path.of(args[1])) : List.of(), Map.of());
    int exact = 0;
    int partial = 0;
    for (SigmaRule r : rules.rules()) {
      RuleGate<CloudTrailEvent> g = RuleGate.of(r, EventFields.TEXT_FIELDS);
      exact += g != null && g.exact() ? 1 : 0;
      partial += g != null && !g.exact() ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "%d rules: %d with an exact gate, %d with a partial gate, %d without%n",
        rules.rules().size(), exact, partial, rules.rules().size() - exact - partial);
    RuleEngine engine = new RuleEngine(rules);
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
      files = s.filter(p -> p.toString().endsWith(".json.gz") && p.toString().contains("/CloudTrail/")).sorted().toList();
    }
    List<CloudTrailEvent> events = List.of();
    for (int pass = 0; pass < 3; pass++) {
      long t0 = System.nanoTime();
      events = parse(files);
      long t1 = System.nanoTime();
      long matches = 0;
      for (CloudTrailEvent e : events) {
        matches += engine.evaluate(e).size();
      }
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "pass %d: parse %.2f s, evaluate %.2f s (%.2f µs per event, %,d events, %,d matches)%n", pass,
          (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t1) / 1e3 / events.size(), events.size(), matches);
    }
    long differences = 0;
    for (CloudTrailEvent e : events) {
      Set<String> everyRule = new HashSet<>();
      EventFields fields = new EventFields(e);
      for (SigmaRule r : rules.rules()) {
        if (r.matches(fields)) {
          everyRule.add(r.id());
        }
      }
      Set<String> indexed = new HashSet<>();
      for (RuleMatch m : engine.evaluate(e)) {
        indexed.add(m.ruleId());
      }
      differences += everyRule.equals(indexed) ? 0 : 1;
    }
    System.out.printf(Locale.ROOT, "engine vs every rule on every event: %,d events differ%n", differences);
  }

  private static List<CloudTrailEvent> parse(List<Path> files) throws Exception {
    List<CloudTrailEvent> out = new ArrayList<>();
    LogFileParser parser = new LogFileParser();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        parser.parse(in, RecordSink.of(out::add, problem -> {}));
      }
    }
    return out;
  }
}
