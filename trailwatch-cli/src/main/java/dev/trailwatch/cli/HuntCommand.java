// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.detect.sigma.SigmaProblem;
import dev.trailwatch.ingest.Count;
import dev.trailwatch.store.duckdb.CorrelationHunt;
import dev.trailwatch.store.duckdb.Finding;
import dev.trailwatch.store.duckdb.StoredEvents;
import dev.trailwatch.web.StoreJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailwatch hunt RULE.yml}: a retro-hunt over the stored history. */
@Command(
    name = "hunt",
    mixinStandardHelpOptions = true,
    description = {
      "Run Sigma rules over the events already stored.",
      "Reads the stored file bytes (not the files again) and prints the events the rules match, "
          + "then the bursts their correlation rules find. Rules indexed by eventName "
          + "only look at those events.",
      "",
      "Example: trailwatch hunt my-rules/new-idea.yml --since 2026-11-01"
    })
final class HuntCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "RULE", arity = "1..*", description = "Sigma rule files or folders.")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--since", paramLabel = "DATE", description = "Only events at or after this date (YYYY-MM-DD) or instant.")
  @Nullable String since;

  @Option(names = "--until", paramLabel = "DATE", description = "Only events up to this date (YYYY-MM-DD, the whole day) or before this instant.")
  @Nullable String until;

  @Option(names = "--json", description = "One JSON object a line, every match: rule_id, title, event_id, event_time, event_name, account, region, actor.")
  boolean json;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000", description = "Print at most N matches in the table (default ${DEFAULT-VALUE}); the counts per rule cover all.")
  long maxRows;

  @Override
  public Integer call() throws Exception {
    OptionRanges.atLeast(spec, "--max-rows", maxRows, 1);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SigmaParser parser = new SigmaParser();
    ParsedRules parsed = ParsedRules.empty();
    for (Path p : rules) {
      if (!p.toFile().exists()) {
        throw new java.nio.file.NoSuchFileException(p + ": no such rule file or folder");
      }
      parsed = parsed.plus(parser.parsePath(p));
    }
    for (SigmaProblem p : parsed.problems()) {
      err.println("trailwatch: rule disabled: " + p);
    }
    if (parsed.rules().isEmpty()) {
      throw new IllegalArgumentException("no usable rule in " + rules);
    }
    Instant from = since == null ? null : CliTime.instant(since, "--since", spec.commandLine());
    Instant to = until == null ? null : CliTime.instant(until, "--until", spec.commandLine());
    if (to != null && until != null && until.length() == 10) {
      to = to.plusSeconds(86_400); // a day names all of it
    }
    if (from != null && to != null && !to.isAfter(from)) {
      throw new ParameterException(spec.commandLine(), "--until " + until + " is not after --since " + since + ": nothing would be replayed");
    }
    RuleEngine engine = new RuleEngine(parsed);
    Map<String, Long> perRule = new TreeMap<>();
    ObjectMapper m = new ObjectMapper();
    Table table = new Table(List.of("event time", "rule", "event name", "account", "region", "actor", "event id"));
    long replayed;
    List<Finding> bursts;
    // One pass through the ingest's own engine (its index and gates); only the named calls when every rule names them.
    try (StoredEvents stored = StoredEvents.open(common.data); CorrelationHunt correlations = CorrelationHunt.open();
        ProgressBar bar = System.console() == null ? null : Progress.bar("hunt", " files")) {
      StoredEvents.Progress progress = bar == null ? (done, total) -> {} : (done, total) -> {
        bar.maxHint(total);
        bar.stepTo(done);
      };
      replayed = stored.forEach(from, to, engine.eventNames().orElse(null), e -> {
        for (RuleMatch hit : engine.evaluate(e)) {
          correlations.add(hit);
          perRule.merge(hit.title(), 1L, Long::sum);
          if (json) {
            ObjectNode n = m.createObjectNode();
            n.put("rule_id", hit.ruleId());
            n.put("title", hit.title());
            n.put("event_id", e.eventKey());
            n.put("event_time", e.eventTime() == null ? null : e.eventTime().toString());
            n.put("event_name", e.eventName());
            n.put("account", e.recipientAccountId());
            n.put("region", e.awsRegion());
            n.put("actor", e.actor());
            out.println(n);
          } else if (table.size() < maxRows) {
            table.add(List.of(Table.text(e.eventTime()), hit.title(), Table.text(e.eventName()), Table.text(e.recipientAccountId()),
                Table.text(e.awsRegion()), e.actor(), e.eventKey()));
          }
        }
      }, progress);
      bursts = correlations.findings(engine.correlations(), engine.correlatedRuleIds());
    }
    if (json) {
      bursts.forEach(b -> out.println(StoreJson.finding(b)));
    } else {
      long hits = perRule.values().stream().mapToLong(Long::longValue).sum();
      table.print(out);
      if (hits > table.size()) {
        out.printf(Locale.ROOT, "(the first %,d of %,d matches; --max-rows N for more, --json for all)%n", table.size(), hits);
      }
      out.printf(Locale.ROOT, "%n%s in %s replayed%n", Count.of(hits, "match", "matches"), Count.of(replayed, "event"));
      Table byRule = new Table(List.of("rule", "matches"));
      perRule.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(en -> byRule.add(List.of(en.getKey(), String.format(Locale.ROOT, "%,d", en.getValue()))));
      if (!perRule.isEmpty()) {
        byRule.print(out);
      }
      if (!engine.correlations().isEmpty()) {
        out.printf(Locale.ROOT, "%n%s of %s:%n", Count.of(bursts.size(), "correlation finding"), Count.of(engine.correlations().size(), "correlation"));
        Table found = new Table(List.of("first seen", "last seen", "correlation", "level", "account", "actor", "events"));
        bursts.forEach(b -> found.add(List.of(Table.text(b.firstSeen()), Table.text(b.lastSeen()), b.title(), b.level(),
            Table.text(b.account()), Table.text(b.actor()), Long.toString(b.events()))));
        found.print(out);
      }
    }
    out.flush();
    err.flush();
    return parsed.problems().isEmpty() ? ExitStatus.OK.code() : ExitStatus.PROBLEMS.code();
  }

}
