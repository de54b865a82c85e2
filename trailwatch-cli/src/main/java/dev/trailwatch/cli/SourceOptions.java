// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.source.NotificationSource;
import dev.trailwatch.source.StandardInput;
import dev.trailwatch.source.s3.S3Clients;
import dev.trailwatch.source.s3.S3LogSource;
import dev.trailwatch.source.LayoutSelection;
import dev.trailwatch.source.sqs.SqsNotificationSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.s3.S3Client;

/** Where logs come from: folders and files, {@code s3://bucket[/prefix]}, {@code sqs://host/account/queue}, and the options of each. */
final class SourceOptions {
  static final String SOURCES_HELP = "Files, folders, s3://bucket[/prefix] addresses, sqs://host/account/queue queues of notifications, or - for what is piped in (ingest only).";

  @Option(names = "--endpoint", paramLabel = "URL", description = "S3: an S3-compatible endpoint (path-style addressing).")
  @Nullable String endpoint;

  @Option(names = "--sqs-endpoint", paramLabel = "URL", description = "SQS: an SQS-compatible endpoint; the queue URL is this URL with the address's path.")
  @Nullable String sqsEndpoint;

  @Option(names = "--region", paramLabel = "REGION", description = "S3/SQS: the region (default us-east-1, or the one in an sqs.<region>.amazonaws.com address; a bucket in another region is followed there); credentials come from the default AWS chain (AWS_PROFILE selects a profile).")
  @Nullable String region;

  @Option(names = "--since", paramLabel = "DATE", description = "Only the date folders from this day (YYYY-MM-DD) on, in buckets (which are listed no more than needed), local folders and archives in CloudTrail's layout.")
  @Nullable String since;

  @Option(names = "--until", paramLabel = "DATE", description = "Only the date folders up to this day (YYYY-MM-DD).")
  @Nullable String until;

  @Option(names = "--accounts", split = ",", paramLabel = "ID", description = "Only these accounts' folders (CloudTrail's layout, in buckets, local folders and archives).")
  List<String> accounts = new ArrayList<>();

  @Option(names = "--regions", split = ",", paramLabel = "REGION", description = "Only these regions' folders (CloudTrail's layout).")
  List<String> regions = new ArrayList<>();

  @Option(names = "--visibility", paramLabel = "SECONDS", defaultValue = "300", description = "SQS: how long a received message stays hidden from other readers; extended while its files are read (default ${DEFAULT-VALUE}).")
  int visibility = 300;

  /** The sources named, opened; closing closes the queues and the S3 client they share with the buckets. */
  record Opened(List<LogSource> polled, List<NotificationSource> queues, @Nullable S3Client s3) implements AutoCloseable {
    static final Opened NONE = new Opened(List.of(), List.of(), null);

    @Override
    public void close() {
      queues.forEach(NotificationSource::close);
      if (s3 != null) {
        s3.close();
      }
    }
  }

  Opened open(List<String> addresses, CommandSpec spec) throws java.nio.file.NoSuchFileException {
    OptionRanges.between(spec, "--visibility", visibility, 1, OptionRanges.MAX_VISIBILITY_SECONDS);
    checkUrl(spec, "--endpoint", endpoint);
    checkUrl(spec, "--sqs-endpoint", sqsEndpoint);
    List<LogSource> polled = new ArrayList<>();
    List<NotificationSource> queues = new ArrayList<>();
    S3Client s3 = null;
    for (String address : addresses) {
      if (address.equals("-")) {
        polled.add(standardInput(addresses, spec));
        continue;
      }
      if (address.startsWith("s3://") || address.startsWith("sqs://")) {
        if (s3 == null) {
          s3 = S3Clients.create(endpoint, region);
        }
        try {
          if (address.startsWith("s3://")) {
            polled.add(new S3LogSource(s3, address, selection(spec)));
          } else {
            queues.add(SqsNotificationSource.open(address, sqsEndpoint, region, s3, Duration.ofSeconds(visibility)));
          }
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        continue;
      }
      Path p = Path.of(address);
      if (!Files.exists(p)) {
        throw new java.nio.file.NoSuchFileException(p + ": no such file or folder");
      }
      polled.add(new LocalDirectorySource(p, selection(spec)));
    }
    return new Opened(polled, queues, s3);
  }

  private static void checkUrl(CommandSpec spec, String option, @Nullable String url) {
    if (url != null && !isHttpUrl(url)) {
      throw new ParameterException(spec.commandLine(), option + " must be an http:// or https:// URL such as http://127.0.0.1:9000, not '" + url + "'");
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      java.net.URI u = new java.net.URI(url);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** {@code -}: the bytes piped in, once, and only from a pipe (a terminal would wait for typing). */
  private static LogSource standardInput(List<String> addresses, CommandSpec spec) {
    if (!spec.name().equals("ingest")) {
      throw new ParameterException(spec.commandLine(), "- (standard input) can be read once, by trailwatch ingest, not watched");
    }
    if (addresses.stream().filter("-"::equals).count() > 1) {
      throw new ParameterException(spec.commandLine(), "- (standard input) can be named once");
    }
    if (System.console() != null) {
      throw new ParameterException(spec.commandLine(), "- reads what is piped in, e.g. aws cloudtrail lookup-events --output json | trailwatch ingest -");
    }
    return LogSource.of(StandardInput.SOURCE, List.of(new StandardInput(System.in)), false);
  }

  private LayoutSelection selection(CommandSpec spec) {
    Instant from = since == null ? null : CliTime.instant(since, "--since", spec.commandLine());
    Instant to = until == null ? null : CliTime.instant(until, "--until", spec.commandLine());
    if (to != null && until != null && until.length() == 10) {
      to = to.plusSeconds(86_399); // a day names all of it
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new ParameterException(spec.commandLine(), "--until " + until + " is before --since " + since + ": nothing would be read");
    }
    for (String account : accounts) {
      if (!account.matches("\\d{12}")) {
        throw new ParameterException(spec.commandLine(), "--accounts: '" + account + "' is not an account id (12 digits)");
      }
    }
    return new LayoutSelection(accounts, regions, from, to);
  }
}
