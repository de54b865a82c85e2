// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleSources;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.generate.CorpusGenerator;
import dev.trailwatch.generate.CorpusSummary;
import dev.trailwatch.generate.GeneratorConfig;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.IngestPipeline;
import dev.trailwatch.ingest.IngestReport;
import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import dev.trailwatch.web.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trailwatch demo}: generate, ingest, detect, serve. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Try Trailwatch on generated data, then look at the dashboard.",
      "Generates a multi-account corpus with planted incidents (ending now), ingests it with every built-in rule, "
          + "serves the dashboard and prints where to look. Ctrl-C stops it. The data stays in --data for a second look.",
      "",
      "Example: trailwatch demo --events 200000 --port 8080"
    })
final class DemoCommand implements Callable<Integer> {
  /** What a demo writes into its folder: the generated corpus and the store. */
  private static final java.util.Set<String> DEMO_ENTRIES = java.util.Set.of("corpus", "store");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "trailwatch-demo", description = "Folder for the corpus and the store (default ${DEFAULT-VALUE}); replaced on each run, so it must be new, empty or an earlier demo's.")
  Path data = Path.of("trailwatch-demo");

  @Option(names = "--events", paramLabel = "N", defaultValue = "150000", description = "Baseline events (default ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    OptionRanges.atLeast(spec, "--events", events, 0);
    OptionRanges.between(spec, "--port", port, 0, OptionRanges.MAX_PORT);
    PrintWriter out = spec.commandLine().getOut();
    clearPreviousDemo();
    Path corpus = data.resolve("corpus");
    out.printf(Locale.ROOT, "generating %,d events over 2 days (4 accounts, 4 regions) with planted incidents...%n", events);
    out.flush();
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(2));
    CorpusSummary summary = new CorpusGenerator().generate(new GeneratorConfig(corpus, events, GeneratorConfig.DEFAULT_ACCOUNTS,
        GeneratorConfig.DEFAULT_REGIONS, 2, start, 1, true, null), n -> {});
    RuleEngine rules = new RuleEngine(RuleSources.builtin(new SigmaParser()));
    out.printf(Locale.ROOT, "ingesting %,d files with %d rules...%n", summary.files(), rules.rules().size());
    out.flush();
    IngestReport report;
    try (DuckDbEventStore store = DuckDbEventStore.open(data.resolve("store"))) {
      report = new IngestPipeline(store, IngestOptions.defaults(), rules)
          .run(List.of(new LocalDirectorySource(corpus.resolve("AWSLogs"))), dev.trailwatch.ingest.IngestListener.NONE);
    }
    out.printf(Locale.ROOT, "stored %,d events in %.1f s; %,d rule matches%n", report.eventsNew(), report.elapsed().toMillis() / 1000.0, report.matches());
    ServeCommand.serveUntilStopped(new ServerConfig(data.resolve("store"), "127.0.0.1", port, null), out, tour(corpus), SourceOptions.Opened.NONE, RuleEngine.none(),
        java.time.Duration.ofSeconds(5));
    return ExitStatus.OK.code();
  }

  /**
   * Removes what an earlier demo left in {@code --data}, and refuses a folder that holds anything else: the
   * folder is replaced on each run, and a mistyped {@code --data ~} must not cost a home folder.
   */
  private void clearPreviousDemo() throws java.io.IOException {
    if (!Files.exists(data)) {
      return;
    }
    if (!Files.isDirectory(data)) {
      throw new ParameterException(spec.commandLine(), "--data " + data + " is a file, not a folder");
    }
    try (var entries = Files.list(data)) {
      List<String> foreign = entries.map(p -> p.getFileName().toString()).filter(n -> !DEMO_ENTRIES.contains(n)).sorted().toList();
      if (!foreign.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--data " + data + " holds files the demo did not make (" + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
            + (foreign.size() > 3 ? ", ..." : "") + "); the demo replaces its folder, so name a new or empty one");
      }
    }
    try (var walk = Files.walk(data)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String tour(Path corpus) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    b.append("\nWhat to look at:\n");
    b.append("  Operations  action events of the last 60 minutes, services over time, regions, top calls and actors\n");
    b.append("  Security    findings by level; these incidents were planted and each is found:\n");
    for (JsonNode i : new ObjectMapper().readTree(corpus.resolve("incidents.json").toFile())) {
      b.append(String.format(Locale.ROOT, "    - %-60s (%s, account %s)%n", i.get("title").asText(), i.get("watch").asText(), i.get("account").asText()));
    }
    b.append("  Explore     click any bar to see its events; open one for the original record and related events\n");
    b.append("  Sources     the files read, problems, last delivery per account and region\n");
    b.append("Also try: trailwatch findings --data ").append(corpus.getParent().resolve("store")).append(" --level high\n");
    return b.toString();
  }
}
