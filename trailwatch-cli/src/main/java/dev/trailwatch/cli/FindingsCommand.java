// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.ingest.Count;
import dev.trailwatch.store.StoreInUseException;
import dev.trailwatch.store.duckdb.DuckDbFindings;
import dev.trailwatch.store.duckdb.Finding;
import dev.trailwatch.store.duckdb.FindingFilter;
import dev.trailwatch.web.StoreJson;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailwatch findings}: what the rules found. */
@Command(
    name = "findings",
    mixinStandardHelpOptions = true,
    subcommands = FindingsCommand.Ack.class,
    description = {
      "List findings, newest first.",
      "Single-rule findings (repeated matches of the same activity folded together, every event id kept) and "
          + "correlation findings (bursts, sequences).",
      "",
      "Examples: trailwatch findings --since 24h --level high",
      "          trailwatch findings --json | jq .event_ids",
      "          trailwatch findings ack 3f9c2a7d1b04"
    })
final class FindingsCommand implements Callable<Integer> {
  private static final Duration MAX_SINCE = Duration.ofDays(36_525);
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--since", paramLabel = "WHEN", description = "Only findings whose last event is at or after WHEN: a duration back from the newest event (30m, 24h, 7d) or a date/instant.")
  @Nullable String since;

  @Option(names = "--level", paramLabel = "LEVEL", description = "Minimum level: informational, low, medium, high, critical.")
  @Nullable String level;

  @Option(names = "--rule", paramLabel = "ID", description = "Only this rule (id, or a part of the title).")
  @Nullable String rule;

  @Option(names = "--account", paramLabel = "ID", description = "Only this account.")
  @Nullable String account;

  @Option(names = "--status", paramLabel = "S", defaultValue = "all", description = "open, acknowledged or all (default).")
  String status = "all";

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most N findings (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "One JSON object a line: rule_id, title, level, tags, event_ids, account, region, actor, first_seen, last_seen, ...")
  boolean json;

  @Override
  public Integer call() {
    OptionRanges.atLeast(spec, "--limit", limit, 1);
    String levelValue = levelValue();
    String statusValue = statusValue();
    Since sinceValue = parseSince();
    DuckDbFindings.Listed listed;
    try (DuckDbFindings findings = DuckDbFindings.open(common.data, true)) {
      listed = findings.list(new FindingFilter(sinceValue == null ? null : sinceValue.from(findings::newestEvent), levelValue, rule, account, statusValue, limit));
    } catch (StoreInUseException busy) {
      listed = remote(ServedStore.of(busy, spec.commandLine().getErr()), sinceValue, levelValue, statusValue);
    }
    List<Finding> found = listed.findings();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      for (Finding f : found) {
        out.println(StoreJson.finding(f));
      }
    } else {
      Table t = new Table(List.of("id", "last seen", "level", "title", "account", "region", "actor", "events", "status"));
      for (Finding f : found) {
        t.add(List.of(f.key(), Table.text(f.lastSeen()), f.level(), f.title(), Table.text(f.account()), Table.text(f.region()), Table.text(f.actor()),
            Long.toString(f.events()), f.status()));
      }
      t.print(out);
      out.println(found.size() < listed.matching()
          ? String.format(Locale.ROOT, "(the newest %,d of %,d findings; --limit N for more)", found.size(), listed.matching())
          : "(" + Count.of(found.size(), "finding") + ")");
    }
    out.flush();
    if (json && found.size() < listed.matching()) {
      spec.commandLine().getErr().printf(Locale.ROOT, "trailwatch: the newest %,d of %,d findings were printed (--limit N for more)%n", found.size(), listed.matching());
      spec.commandLine().getErr().flush();
    }
    return ExitStatus.OK.code();
  }

  /** The same list from the server that holds the store. */
  private DuckDbFindings.Listed remote(ServedStore server, @Nullable Since sinceValue, @Nullable String levelValue, @Nullable String statusValue) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", Integer.toString(limit));
    Instant from = sinceValue == null ? null : sinceValue.from(() -> {
      JsonNode newest = server.get("api/status", Map.of()).get("newest");
      return newest == null || newest.isNull() ? Optional.empty() : Optional.of(Instant.parse(newest.asText()));
    });
    if (from != null) {
      query.put("since", from.toString());
    }
    BiConsumer<String, @Nullable String> put = (k, v) -> {
      if (v != null) {
        query.put(k, v);
      }
    };
    put.accept("level", levelValue);
    put.accept("status", statusValue);
    put.accept("rule", rule);
    put.accept("account", account);
    JsonNode answer = server.get("api/findings", query);
    List<Finding> findings = new ArrayList<>();
    answer.path("findings").forEach(n -> findings.add(StoreJson.finding(n)));
    return new DuckDbFindings.Listed(findings, answer.path("matching").asLong());
  }

  /** {@code --since} as given: a duration back from the newest event, or an instant. */
  private record Since(@Nullable Duration back, @Nullable Instant at) {
    Instant from(Supplier<Optional<Instant>> newestEvent) {
      return at != null ? at : newestEvent.get().orElse(Instant.now()).minus(back);
    }
  }

  /** {@code --since}, checked before anything is opened: a bad value is a usage error. */
  private @Nullable Since parseSince() {
    if (since == null) {
      return null;
    }
    String s = since.trim();
    ParameterException bad = new ParameterException(spec.commandLine(),
        "--since: not a duration (30m, 24h, 7d; at most 100 years), date (YYYY-MM-DD) or instant: " + since);
    if (!s.matches("\\d{1,9}[smhdw]")) {
      try {
        return new Since(null, CliTime.instant(s, "--since", spec.commandLine()));
      } catch (ParameterException notAnInstant) {
        throw bad;
      }
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1)); // at most 9 digits: no overflow below
    Duration d = switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
    if (d.compareTo(MAX_SINCE) > 0) {
      throw bad;
    }
    return new Since(d, null);
  }

  private @Nullable String levelValue() {
    if (level == null) {
      return null;
    }
    return OptionRanges.level(spec, level).label();
  }

  private @Nullable String statusValue() {
    String s = status.toLowerCase(Locale.ROOT);
    if (!List.of("open", "acknowledged", "all").contains(s)) {
      throw new ParameterException(spec.commandLine(), "--status must be open, acknowledged or all");
    }
    return s.equals("all") ? null : s;
  }

  /** {@code trailwatch findings ack KEY}. */
  @Command(name = "ack", mixinStandardHelpOptions = true, description = {"Acknowledge a finding (by its id, as listed).", "", "Example: trailwatch findings ack 3f9c2a7d1b04 --note 'known deployment'"})
  static final class Ack implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "ID", description = "The finding id.")
    String key = "";

    @Option(names = "--note", paramLabel = "TEXT", description = "Why it is acknowledged.")
    String note = "";

    @Override
    public Integer call() {
      try (DuckDbFindings f = DuckDbFindings.open(common.data, false)) {
        if (!f.acknowledge(key, note)) {
          throw new IllegalArgumentException("no finding has the id '" + key + "'");
        }
      } catch (StoreInUseException busy) {
        ServedStore.of(busy, spec.commandLine().getErr()).postForm("api/findings/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/ack", Map.of("note", note));
      }
      spec.commandLine().getOut().println("acknowledged " + key);
      spec.commandLine().getOut().flush();
      return ExitStatus.OK.code();
    }
  }
}
