// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.ingest.IngestListener;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.IngestPipeline;
import dev.trailwatch.ingest.IngestReport;
import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailwatch ingest PATH...}: one-shot load into the store. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Load CloudTrail log files into the store: files or folders (walked recursively), gzip or plain;",
      "CloudTrail's Records files, JSON arrays, JSON lines, CloudWatch Logs envelopes and lookup-events",
      "exports are recognised by content. Files already ingested unchanged are skipped; each event is kept once.",
      "",
      "Every new event runs through the detection rules (the built-in pack, plus --rules folders of Sigma files).",
      "",
      "Exit codes: 0 ok, 1 failure (some file could not be read), 3 input problems found (bad records, or rules left out).",
      "",
      "Example: trailwatch ingest ~/cloudtrail/AWSLogs"
    })
final class IngestCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin RuleOptions ruleOptions;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to read.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--readers", paramLabel = "N", description = "Parser threads (default: up to 2).")
  int readers = IngestOptions.defaults().readers();

  @Option(names = "--commit-events", paramLabel = "N", description = "Commit after about N events (default 250000); a killed run loses at most the uncommitted part, and the next run reads it again.")
  long commitEvents = IngestOptions.defaults().commitEvents();

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @Option(names = "--no-progress", description = "Do not draw a progress bar (it is drawn only on a terminal anyway).")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    List<LogSource> sources = new ArrayList<>();
    for (Path p : paths) {
      if (!p.toFile().exists()) {
        throw new NoSuchFileException(p + ": no such file or folder");
      }
      sources.add(new LocalDirectorySource(p));
    }
    IngestOptions defaults = IngestOptions.defaults();
    IngestOptions options = new IngestOptions(readers, defaults.batchSize(), defaults.queueCapacity(), commitEvents, defaults.commitFiles());
    PrintWriter err = spec.commandLine().getErr();
    ParsedRules rules = ruleOptions.load(err);
    IngestReport report;
    try (DuckDbEventStore store = DuckDbEventStore.open(common.data);
        Progress progress = Progress.start(!noProgress && System.console() != null)) {
      IngestListener listener = progress.listener();
      report = new IngestPipeline(store, options, new RuleEngine(rules)).run(sources, listener);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(IngestSummary.json(report));
    } else {
      IngestSummary.print(out, report, common.data);
    }
    out.flush();
    for (String failure : report.failures()) {
      err.println("trailwatch: cannot read " + failure);
    }
    err.flush();
    if (!report.failures().isEmpty()) {
      return ExitStatus.FAILURE.code();
    }
    return report.problems() > 0 || !rules.problems().isEmpty() ? ExitStatus.PROBLEMS.code() : ExitStatus.OK.code();
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }
}
