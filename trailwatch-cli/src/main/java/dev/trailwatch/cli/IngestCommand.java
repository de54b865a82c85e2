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

  @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "Files, folders, or s3://bucket[/prefix] addresses to read.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--endpoint", paramLabel = "URL", description = "S3: an S3-compatible endpoint (path-style addressing).")
  @org.jspecify.annotations.Nullable String endpoint;

  @Option(names = "--region", paramLabel = "REGION", description = "S3: the bucket's region (default us-east-1); credentials come from the default AWS chain.")
  @org.jspecify.annotations.Nullable String region;

  @Option(names = "--since", paramLabel = "DATE", description = "S3: only the date folders from this day (YYYY-MM-DD) on; lists no more than needed.")
  @org.jspecify.annotations.Nullable String since;

  @Option(names = "--until", paramLabel = "DATE", description = "S3: only the date folders up to this day (YYYY-MM-DD).")
  @org.jspecify.annotations.Nullable String until;

  @Option(names = "--accounts", split = ",", paramLabel = "ID", description = "S3: only these accounts' folders (with --since/--until).")
  List<String> accounts = new ArrayList<>();

  @Option(names = "--regions", split = ",", paramLabel = "REGION", description = "S3: only these regions' folders (with --since/--until).")
  List<String> regions = new ArrayList<>();

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
    software.amazon.awssdk.services.s3.S3Client s3 = null;
    for (String source : paths) {
      if (source.startsWith("s3://")) {
        if (s3 == null) {
          s3 = dev.trailwatch.source.s3.S3Clients.create(endpoint, region);
        }
        sources.add(new dev.trailwatch.source.s3.S3LogSource(s3, source, selection()));
        continue;
      }
      Path p = Path.of(source);
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

  private dev.trailwatch.source.s3.S3Selection selection() {
    try {
      java.time.Instant from = since == null ? null : java.time.LocalDate.parse(since).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      java.time.Instant to = until == null ? null : java.time.LocalDate.parse(until).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(86_399);
      return new dev.trailwatch.source.s3.S3Selection(accounts, regions, from, to);
    } catch (java.time.DateTimeException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--since/--until take a date such as 2026-11-02");
    }
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }
}
