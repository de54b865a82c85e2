// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.ingest.CommittedFile;
import dev.trailwatch.ingest.Count;
import dev.trailwatch.ingest.FirstFiles;
import dev.trailwatch.ingest.IngestListener;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.IngestPipeline;
import dev.trailwatch.ingest.IngestReport;
import dev.trailwatch.ingest.NotificationIngest;
import dev.trailwatch.source.NotificationSource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import dev.trailwatch.store.StoredProblem;
import java.io.PrintWriter;
import java.time.Duration;
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
      "Load CloudTrail log files into the store.",
      "Files or folders (walked recursively), plain or compressed (gzip, bzip2, xz, zstd), also in zip, tar and 7z "
          + "archives. Recognised by content: CloudTrail's Records files, JSON arrays and lines, CloudWatch Logs "
          + "(subscriptions, exports to S3, filter-log-events, Logs Insights results), EventBridge events, lookup-events "
          + "exports, log shippers' files (Logstash, Filebeat, Cribl, Splunk HEC events, Datadog archives), Firehose's "
          + "backups of failed deliveries, and Splunk, Sumo Logic, Elasticsearch/OpenSearch, Loki and CSV exports of "
          + "whole records (see the README). Digest "
          + "files are kept apart. Files already ingested unchanged are skipped; each event is kept once.",
      "",
      "s3:// sources list the bucket (only the date folders asked for with --since/--until/--accounts/--regions); "
          + "sqs:// sources read the files the queue's notifications name, until the queue has nothing new, and delete "
          + "each message once its files are committed.",
      "",
      "Every new event runs through the detection rules (the built-in pack, plus --rules folders of Sigma files).",
      "",
      "Exit codes: 0 ok, 1 failure (a file could not be read, or a source could not be listed), 3 input problems found (bad records, or rules left out).",
      "",
      "Example: trailwatch ingest ~/cloudtrail/AWSLogs"
    })
final class IngestCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin RuleOptions ruleOptions;

  @Mixin SourceOptions sourceOptions;

  @Parameters(paramLabel = "SOURCE", arity = "1..*", description = SourceOptions.SOURCES_HELP)
  List<String> paths = new ArrayList<>();

  @Option(names = "--readers", paramLabel = "N", description = "Parser threads (default: one less than the processors, 1 or 2; s3:// and sqs:// sources get at least 32, since each mostly waits on the network).")
  int readers = IngestOptions.defaults().readers();

  @Option(names = "--commit-events", paramLabel = "N", description = "Commit after about N events (default 250000); a killed run loses at most the uncommitted part, and the next run reads it again.")
  long commitEvents = IngestOptions.defaults().commitEvents();

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @Option(names = "--no-progress", description = "Do not draw a progress bar (it is drawn only on a terminal anyway).")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    OptionRanges.atLeast(spec, "--readers", readers, 1);
    OptionRanges.atLeast(spec, "--commit-events", commitEvents, 1);
    IngestOptions defaults = IngestOptions.defaults();
    PrintWriter err = spec.commandLine().getErr();
    IngestOptions options = new IngestOptions(readers, defaults.batchSize(), defaults.queueCapacity(), commitEvents, defaults.commitFiles());
    ParsedRules rules = ruleOptions.load(err);
    IngestReport report;
    int unusableMessages = 0;
    List<String> queueLines = new ArrayList<>();
    List<StoredProblem> firstProblems;
    // Archives read in part, the layout options leaving some of their files out (the first few)
    FirstFiles readInPart = new FirstFiles(IngestSummary.PROBLEMS_SHOWN, f -> f.file().summary().filesPassedOver() > 0);
    try (SourceOptions.Opened sources = sourceOptions.open(paths, spec);
        DuckDbEventStore store = DuckDbEventStore.open(common.data);
        Progress progress = Progress.start(!noProgress && System.console() != null);
        StopNotice stop = StopNotice.start()) {
      FirstFiles withProblems = FirstFiles.withProblems(IngestSummary.PROBLEMS_SHOWN);
      IngestListener listener = progress.listener().andThen(stop.listener()).andThen(withProblems).andThen(readInPart);
      IngestPipeline pipeline = new IngestPipeline(store, options, new RuleEngine(rules));
      report = pipeline.run(sources.polled(), listener);
      NotificationIngest notifications = new NotificationIngest(store, pipeline);
      for (NotificationSource queue : sources.queues()) {
        NotificationIngest.Round r = notifications.drain(queue, Duration.ofSeconds(2), listener);
        report = report.plus(r.ingest());
        unusableMessages += r.unusable();
        queueLines.add(String.format(Locale.ROOT, "%s: %s: %d done (%d needed no reading), %d unusable (see the problems table), %d left to retry",
            queue.describe(), Count.of(r.messages(), "message"), r.settled(), r.ignored(), r.unusable(), r.retried()));
      }
      firstProblems = store.problemsOf(withProblems.ids(), IngestSummary.PROBLEMS_SHOWN);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(IngestSummary.json(report));
    } else {
      IngestSummary.print(out, report, common.data, firstProblems);
      queueLines.forEach(out::println);
    }
    for (CommittedFile partial : readInPart.files()) {
      (json ? err : out).println((json ? "trailwatch: note: " : "note:     ") + partial.file().source() + ": "
          + Count.of(partial.file().summary().filesPassedOver(), "file") + " outside " + partial.file().selection()
          + " passed over; an ingest that chooses otherwise reads them");
    }
    out.flush();
    for (dev.trailwatch.ingest.FileFailure failure : report.failures()) {
      err.println("trailwatch: cannot read " + failure);
    }
    for (dev.trailwatch.ingest.FileFailure source : report.unlisted()) {
      err.println("trailwatch: error: cannot list " + source);
    }
    err.flush();
    if (!report.whole()) {
      return ExitStatus.FAILURE.code();
    }
    return report.problems() > 0 || unusableMessages > 0 || !rules.problems().isEmpty() ? ExitStatus.PROBLEMS.code() : ExitStatus.OK.code();
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }
}
