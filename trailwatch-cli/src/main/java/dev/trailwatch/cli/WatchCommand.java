// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.Watch;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailwatch watch SOURCE...}: continuous ingest and detection. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Ingest and detect continuously until stopped (Ctrl-C or SIGTERM finish the round in progress first).",
      "Folders and s3:// buckets are listed again every --interval (a bucket in CloudTrail's layout, after its first "
          + "full listing, only in its date folders of the last 26 hours); sqs:// queues are read as notifications arrive, "
          + "and a message is deleted once its files are committed. A line is printed for every round that found something.",
      "",
      "Examples: trailwatch watch ~/cloudtrail",
      "          trailwatch watch sqs://sqs.us-east-1.amazonaws.com/111111111111/trail"
    })
final class WatchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin RuleOptions ruleOptions;
  @Mixin SourceOptions sourceOptions;

  @Parameters(paramLabel = "SOURCE", arity = "1..*", description = SourceOptions.SOURCES_HELP)
  List<String> sources = new ArrayList<>();

  @Option(names = "--interval", paramLabel = "SECONDS", description = "How often folders and buckets are listed (default: 5 for folders only, 60 with a bucket).")
  @org.jspecify.annotations.Nullable Integer interval;

  @Override
  public Integer call() throws Exception {
    if (interval != null) {
      OptionRanges.atLeast(spec, "--interval", interval, 1);
    }
    PrintWriter out = spec.commandLine().getOut();
    RuleEngine rules = new RuleEngine(ruleOptions.load(spec.commandLine().getErr()));
    try (SourceOptions.Opened opened = sourceOptions.open(sources, spec)) {
      Watch watch = new Watch(() -> DuckDbEventStore.open(common.data), opened.polled(), opened.queues(), rules, IngestOptions.defaults(),
          Duration.ofSeconds(interval != null ? interval : defaultInterval()), line -> {
            synchronized (out) {
              out.println(line);
              out.flush();
            }
          });
      Thread hook = new Thread(watch::close, "trailwatch-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      synchronized (out) {
        out.println("watching " + String.join(", ", sources) + " into " + common.data + " (Ctrl-C stops)");
        out.flush();
      }
      watch.start().join();
      if (watch.failure().isPresent()) {
        Runtime.getRuntime().removeShutdownHook(hook);
        throw new dev.trailwatch.store.StoreException(watch.failure().get());
      }
    }
    return ExitStatus.OK.code();
  }

  private int defaultInterval() {
    return sources.stream().anyMatch(s -> s.startsWith("s3://")) ? 60 : 5;
  }
}
