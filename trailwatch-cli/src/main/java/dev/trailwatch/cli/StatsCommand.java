// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trailwatch.ingest.Count;
import dev.trailwatch.store.StoreInUseException;
import dev.trailwatch.store.duckdb.StoreStats;
import dev.trailwatch.web.StoreJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trailwatch stats}: what the store holds. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Events by account, region, service, identity type and day; first and last event time.",
      "",
      "Example: trailwatch stats --top 5"
    })
final class StatsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Rows per table (default ${DEFAULT-VALUE}; the JSON has all).")
  int top;

  @Override
  public Integer call() throws Exception {
    OptionRanges.atLeast(spec, "--top", top, 1);
    StoreStats s;
    try {
      s = StoreStats.read(common.data);
    } catch (StoreInUseException busy) {
      s = StoreJson.stats(ServedStore.of(busy, spec.commandLine().getErr()).get("api/stats", Map.of()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(StoreJson.stats(s)));
      out.flush();
      return ExitStatus.OK.code();
    }
    out.printf(Locale.ROOT, "events: %,d in %s (%s)%n", s.events(), Count.of(s.files(), "file"), Count.of(s.problems(), "problem"));
    if (s.events() == 0) {
      out.println("no events stored yet: trailwatch ingest --data " + common.data + " PATH|s3://BUCKET|sqs://QUEUE");
      out.flush();
      return ExitStatus.OK.code();
    }
    out.printf(Locale.ROOT, "first event: %s%nlast event:  %s%n", s.firstEvent() == null ? "-" : s.firstEvent(), s.lastEvent() == null ? "-" : s.lastEvent());
    out.printf(Locale.ROOT, "errors: %,d (%.1f %%)%n", s.errors(), s.events() == 0 ? 0.0 : 100.0 * s.errors() / s.events());
    section(out, "account", s.byAccount(), s.events());
    section(out, "region", s.byRegion(), s.events());
    section(out, "service", s.byService(), s.events());
    section(out, "identity type", s.byIdentityType(), s.events());
    section(out, "day", s.byDay(), s.events());
    out.flush();
    return ExitStatus.OK.code();
  }

  private void section(PrintWriter out, String name, Map<String, Long> counts, long total) {
    out.println();
    Table t = new Table(List.of(name, "events", "%"));
    counts.entrySet().stream()
        .limit(top)
        .forEach(e -> t.add(List.of(e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue()), String.format(Locale.ROOT, "%.1f", total == 0 ? 0.0 : 100.0 * e.getValue() / total))));
    t.print(out);
    if (counts.size() > top) {
      out.println("(" + (counts.size() - top) + " more)");
    }
  }
}
