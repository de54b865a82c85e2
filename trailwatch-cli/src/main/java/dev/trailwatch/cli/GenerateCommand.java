// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.generate.CorpusGenerator;
import dev.trailwatch.generate.CorpusSummary;
import dev.trailwatch.generate.GeneratorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trailwatch generate}: the synthetic multi-account corpus. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a synthetic multi-account CloudTrail corpus.",
      "The files are laid out exactly as CloudTrail delivers them to S3 "
          + "(AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/…json.gz), with corpus.json stating what it holds. "
          + "Same seed and start, same bytes.",
      "",
      "Example: trailwatch generate --out corpus --events 500000 --days 2 \\",
      "           --start 2026-11-01 --incidents"
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
  Path out = Path.of("corpus");

  @Option(names = "--events", paramLabel = "N", defaultValue = "100000", description = "Baseline events (default ${DEFAULT-VALUE}); incidents add a few.")
  long events;

  @Option(names = "--accounts", split = ",", paramLabel = "ID", description = "Account ids; the first owns the bucket (default 111111111111, 222222222222, 333333333333, 444444444444).")
  List<String> accounts = GeneratorConfig.DEFAULT_ACCOUNTS;

  @Option(names = "--regions", split = ",", paramLabel = "REGION", description = "Regions, busiest first (default us-east-1, eu-west-1, us-west-2, ap-southeast-2).")
  List<String> regions = GeneratorConfig.DEFAULT_REGIONS;

  @Option(names = "--days", paramLabel = "D", defaultValue = "3", description = "Days covered (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--start", paramLabel = "DATE", description = "First day (YYYY-MM-DD) or instant; default: so that the corpus ends now.")
  @Nullable String start;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--incidents", description = "Plant the documented attack and misconfiguration scenarios (incidents.json names their events).")
  boolean incidents;

  @Option(names = "--organization", paramLabel = "O-ID", description = "Write an organization trail layout: AWSLogs/<o-id>/<account>/….")
  @Nullable String organization;

  @Override
  public Integer call() throws Exception {
    GeneratorConfig config;
    try {
      config = new GeneratorConfig(out, events, accounts, regions, days, startInstant(), seed, incidents, organization);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    long t0 = System.nanoTime();
    CorpusSummary s;
    try (ProgressBar bar = System.console() == null ? null : Progress.bar("generate", " events")) {
      if (bar != null) {
        bar.maxHint(config.events());
      }
      s = new CorpusGenerator().generate(config, n -> {
        if (bar != null) {
          bar.stepTo(Math.min(n, config.events())); // planted incidents add a few beyond the baseline
        }
      });
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "wrote %,d events in %,d files to %s (%.1f s)%n", s.events(), s.files(), out, seconds);
    w.printf(Locale.ROOT, "time range: %s .. %s%n", s.firstEvent(), s.lastEvent());
    if (incidents) {
      w.printf(Locale.ROOT, "planted %d incidents: %s%n", s.incidents().size(), out.resolve("incidents.json"));
    }
    // the folder beside corpus.json and incidents.json, which are no log files
    w.printf(Locale.ROOT, "ingest it: trailwatch ingest %s%n", out.resolve("AWSLogs"));
    w.flush();
    return ExitStatus.OK.code();
  }

  private Instant startInstant() {
    if (start == null) {
      return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(days));
    }
    return CliTime.instant(start, "--start", spec.commandLine());
  }
}
