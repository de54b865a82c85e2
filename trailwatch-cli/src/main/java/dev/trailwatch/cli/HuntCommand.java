// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.detect.EventFields;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.detect.sigma.SigmaProblem;
import dev.trailwatch.detect.sigma.SigmaRule;
import dev.trailwatch.store.duckdb.StoredEvents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailwatch hunt RULE.yml}: a retro-hunt over the stored history. */
@Command(
    name = "hunt",
    mixinStandardHelpOptions = true,
    description = {
      "Run Sigma rules over every stored event (from the stored file bytes, without re-reading the files)",
      "and print the events they match. Rules indexed by eventName only look at those events.",
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

  @Option(names = "--json", description = "One JSON object a line: rule_id, title, event_id, event_time, event_name, account, region, actor.")
  boolean json;

  @Override
  public Integer call() throws Exception {
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
    Instant from = sinceInstant();
    AtomicLong hits = new AtomicLong();
    long scanned = 0;
    ObjectMapper m = new ObjectMapper();
    Table table = new Table(List.of("event time", "rule", "event name", "account", "region", "actor", "event id"));
    try (StoredEvents stored = StoredEvents.open(common.data)) {
      for (SigmaRule rule : parsed.rules()) {
        Set<String> names = rule.requiredValues("eventName").orElse(null);
        scanned += stored.forEach(from, names, e -> {
          if (rule.matches(new EventFields(e))) {
            hits.incrementAndGet();
            if (json) {
              ObjectNode n = m.createObjectNode();
              n.put("rule_id", rule.id());
              n.put("title", rule.title());
              n.put("event_id", e.eventKey());
              n.put("event_time", e.eventTime() == null ? null : e.eventTime().toString());
              n.put("event_name", e.eventName());
              n.put("account", e.recipientAccountId());
              n.put("region", e.awsRegion());
              n.put("actor", e.actor());
              out.println(n);
            } else {
              table.add(List.of(String.valueOf(e.eventTime()), rule.title(), String.valueOf(e.eventName()), String.valueOf(e.recipientAccountId()),
                  String.valueOf(e.awsRegion()), e.actor(), e.eventKey()));
            }
          }
        });
      }
    }
    if (!json) {
      table.print(out);
      out.printf(java.util.Locale.ROOT, "(%,d matches in %,d events replayed)%n", hits.get(), scanned);
    }
    out.flush();
    err.flush();
    return parsed.problems().isEmpty() ? ExitStatus.OK.code() : ExitStatus.PROBLEMS.code();
  }

  private @Nullable Instant sinceInstant() {
    if (since == null) {
      return null;
    }
    return CliTime.instant(since, "--since", spec.commandLine());
  }
}
