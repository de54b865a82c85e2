// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.generate.CorpusGenerator;
import dev.trailwatch.generate.GeneratorConfig;
import dev.trailwatch.ingest.IngestListener;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.IngestPipeline;
import dev.trailwatch.ingest.IngestReport;
import dev.trailwatch.source.LayoutSelection;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import dev.trailwatch.testkit.LoopbackAws;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Against a real S3-compatible server (S3Proxy, in-process on loopback): the brief's multi-account bucket and an organization trail. */
class S3LogSourceTest {
  @TempDir static Path tmp;
  static LoopbackAws aws;
  static S3Client s3;
  static Path corpus;
  static long files;

  @BeforeAll
  static void start() throws Exception {
    aws = LoopbackAws.start();
    s3 = S3Clients.create(aws.s3Endpoint(), "us-east-1");
    corpus = tmp.resolve("corpus");
    new CorpusGenerator().generate(new GeneratorConfig(corpus, 6_000, List.of("111111111111", "222222222222", "333333333333"),
        List.of("us-east-1", "eu-west-1"), 3, Instant.parse("2026-11-01T00:00:00Z"), 3, false, null), n -> {});
    s3.createBucket(b -> b.bucket("foo"));
    s3.createBucket(b -> b.bucket("org-logs"));
    try (Stream<Path> walk = Files.walk(corpus.resolve("AWSLogs"))) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String key = corpus.relativize(f).toString();
        aws.put("foo", key, f);
        aws.put("org-logs", "trails/" + key.replace("AWSLogs/", "AWSLogs/o-exampleorgid/"), f);
        files++;
      }
    }
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void listsEveryAccountsFilesWithTheirEtags() throws Exception {
    List<LogFile> all = new S3LogSource(s3, "s3://foo", LayoutSelection.everything()).list();
    assertThat(all).hasSize((int) files);
    assertThat(all).allMatch(f -> f.source().startsWith("s3://foo/AWSLogs/") && f.etag().isPresent() && f.size() > 0);
    assertThat(all.stream().map(f -> f.source().split("/")[4]).distinct()).containsExactlyInAnyOrder("111111111111", "222222222222", "333333333333");
  }

  @Test
  void aListingLongerThanOnePageIsReadToItsEnd() throws Exception {
    s3.createBucket(b -> b.bucket("many"));
    java.util.stream.IntStream.range(0, 1_003).parallel()
        .forEach(i -> aws.put("many", "exports/part-" + i + ".json", RequestBody.fromString("{}")));
    S3LogSource source = new S3LogSource(s3, "s3://many/exports/", LayoutSelection.everything());
    assertThat(source.list()).hasSize(1_003);
    assertThat(source.listCalls()).isEqualTo(2); // S3 answers at most 1,000 keys a call
  }

  @Test
  void aDateRangeListsOnlyTheNeededPrefixes() throws Exception {
    S3LogSource source = new S3LogSource(s3, "s3://foo", new LayoutSelection(List.of(), List.of(),
        Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-02T23:59:59Z")));
    List<LogFile> day = source.list();
    assertThat(day).isNotEmpty().allMatch(f -> f.source().contains("/2026/11/02/") || f.source().endsWith("_20261103T0000Z_" + f.source().substring(f.source().length() - 24)));
    // 1 (accounts) + 3 (each account's folders) + 3 accounts x 1 kind, CloudTrail/ (regions; this corpus has no digests)
    // + 3 x 2 regions x 1 day (objects): never the whole bucket.
    assertThat(source.listCalls()).isEqualTo(1 + 3 + 3 + 6);
    S3LogSource narrow = new S3LogSource(s3, "s3://foo", new LayoutSelection(List.of("222222222222"), List.of("eu-west-1"),
        Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-03T23:59:59Z")));
    assertThat(narrow.list()).isNotEmpty().allMatch(f -> f.source().contains("/222222222222/CloudTrail/eu-west-1/2026/11/0"));
  }

  @Test
  void aDateRangeListsInsightEventsAndDigestsButNotTheOtherServicesBesideThem() throws Exception {
    s3.createBucket(b -> b.bucket("archive")); // a log archive: CloudTrail's folders and AWS Config's in one account's
    for (String key : List.of("CloudTrail/us-east-1/2026/11/02/a.json.gz", "CloudTrail-Insight/us-east-1/2026/11/02/i.json.gz",
        "CloudTrail-Digest/us-east-1/2026/11/02/d.json.gz", "Config/us-east-1/2026/11/2/ConfigHistory/c.json.gz", "CloudTrail/us-east-1/2026/11/01/old.json.gz")) {
      aws.put("archive", "AWSLogs/444444444444/" + key, RequestBody.fromString("{}"));
    }
    S3LogSource source = new S3LogSource(s3, "s3://archive", new LayoutSelection(List.of(), List.of(),
        Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-02T23:59:59Z")));

    assertThat(source.list()).extracting(f -> f.source().substring("s3://archive/AWSLogs/444444444444/".length()))
        .containsExactlyInAnyOrder("CloudTrail/us-east-1/2026/11/02/a.json.gz", "CloudTrail-Insight/us-east-1/2026/11/02/i.json.gz",
            "CloudTrail-Digest/us-east-1/2026/11/02/d.json.gz");
  }

  @Test
  void organizationTrailsUnderAPrefixAreFoundToo() throws Exception {
    S3LogSource source = new S3LogSource(s3, "s3://org-logs/trails", new LayoutSelection(List.of(), List.of(),
        Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T23:59:59Z")));
    List<LogFile> files = source.list();
    assertThat(files).hasSize((int) S3LogSourceTest.files - lateFiles());
    assertThat(files).allMatch(f -> f.source().startsWith("s3://org-logs/trails/AWSLogs/o-exampleorgid/"));
  }

  /** Files delivered just after midnight of the last day land in the next day's folder. */
  private static int lateFiles() throws Exception {
    return (int) new S3LogSource(s3, "s3://foo", LayoutSelection.everything()).list().stream().filter(f -> f.source().contains("/2026/11/04/")).count();
  }

  @Test
  void ingestFromS3StoresWhatLocalIngestStoresAndReadsNothingTwice() throws Exception {
    LogSource bucket = new S3LogSource(s3, "s3://foo", LayoutSelection.everything());
    try (DuckDbEventStore store = DuckDbEventStore.open(tmp.resolve("from-s3"))) {
      IngestReport first = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()).run(List.of(bucket), IngestListener.NONE);
      assertThat(first.filesRead()).isEqualTo((int) files);
      assertThat(first.eventsNew()).isEqualTo(6_000);
      assertThat(first.problems()).isZero();
      IngestReport again = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()).run(List.of(bucket), IngestListener.NONE);
      assertThat(again.filesUnchanged()).isEqualTo((int) files);
      assertThat(again.eventsNew()).isZero();
    }
    LogFile one = new S3LogSource(s3, "s3://foo", LayoutSelection.everything()).list().get(0);
    try (InputStream in = one.open()) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(corpus.resolve(one.source().substring("s3://foo/".length()))));
    }
  }

  @Test
  void anInterruptedBackfillResumesWithoutDuplicatesOrGaps() throws Exception {
    LogSource bucket = new S3LogSource(s3, "s3://foo", LayoutSelection.everything());
    Path data = tmp.resolve("resumed");
    IngestOptions smallCommits = new IngestOptions(2, 100, 4, 500, 5);
    int[] commits = {0};
    IngestListener interruptAfterTwoCommits = new IngestListener() {
      @Override
      public void committed(dev.trailwatch.ingest.CommittedFile file) {
        if (++commits[0] == 12) {
          Thread.currentThread().interrupt(); // as Ctrl-C or a stopped watch would, mid-run
        }
      }
    };
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IngestPipeline(store, smallCommits, RuleEngine.none()).run(List.of(bucket), interruptAfterTwoCommits))
          .isInstanceOf(InterruptedException.class);
    }
    Thread.interrupted();
    IngestReport rest;
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      rest = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()).run(List.of(bucket), IngestListener.NONE);
      assertThat(store.countEvents()).isEqualTo(6_000);
    }
    assertThat(rest.filesUnchanged()).isGreaterThanOrEqualTo(10).isLessThan((int) files);
    assertThat(rest.filesRead() + rest.filesUnchanged()).isEqualTo((int) files);
    assertThat(rest.eventsDuplicate()).isZero();
    try (java.sql.Connection c = dev.trailwatch.store.duckdb.DuckDbConnections.open(data, true);
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*), count(DISTINCT event_id) FROM events")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(6_000);
      assertThat(rs.getLong(2)).isEqualTo(6_000);
    }
  }

  @Test
  void laterRoundsOfAWatchListOnlyTheRecentDateFolders() throws Exception {
    String today = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd").format(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    s3.createBucket(b -> b.bucket("polled"));
    aws.put("polled", "AWSLogs/222222222222/CloudTrail/us-east-1/2026/11/01/old.json", RequestBody.fromString("{\"Records\":[]}"));
    S3LogSource first = new S3LogSource(s3, "s3://polled", LayoutSelection.everything());
    assertThat(first.list()).hasSize(1);
    aws.put("polled", "AWSLogs/222222222222/CloudTrail/us-east-1/" + today + "/new.json", RequestBody.fromString("{\"Records\":[]}"));
    LogSource later = first.forPolling();
    assertThat(later).isNotSameAs(first);
    assertThat(later.list()).extracting(LogFile::source).containsExactly("s3://polled/AWSLogs/222222222222/CloudTrail/us-east-1/" + today + "/new.json");
    S3LogSource notLaidOut = new S3LogSource(s3, "s3://foo/nothing-here", LayoutSelection.everything());
    notLaidOut.list();
    assertThat(notLaidOut.forPolling()).isSameAs(notLaidOut);
  }

  @Test
  void accountsAndAnEndWithoutAStartWalkTheLayoutToo() throws Exception {
    S3LogSource source = new S3LogSource(s3, "s3://foo", new LayoutSelection(List.of("333333333333"), List.of(), null, Instant.parse("2026-11-01T23:59:59Z")));
    List<LogFile> found = source.list();
    assertThat(found).isNotEmpty().allMatch(f -> f.source().contains("/333333333333/") && f.source().contains("/2026/11/01/"));
    assertThat(new S3LogSource(s3, "s3://foo", new LayoutSelection(List.of("333333333333"), List.of(), null, null)).list())
        .hasSizeGreaterThan(found.size()).allMatch(f -> f.source().contains("/333333333333/"));
  }

  @Test
  void objectsListedWithoutAnEtagAreRecognisedBySizeAndTime() throws Exception {
    LogFile listed = new S3LogSource(s3, "s3://foo", LayoutSelection.everything()).list().get(0);
    String key = listed.source().substring("s3://foo/".length());
    LogFile noEtag = new S3ObjectFile(s3, "foo", key, listed.size(), null, Instant.parse("2026-11-02T10:05:00Z"));
    try (DuckDbEventStore store = DuckDbEventStore.open(tmp.resolve("no-etag"))) {
      IngestPipeline pipeline = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none());
      assertThat(pipeline.run(List.of(LogSource.of("s3://foo", List.of(noEtag), true)), IngestListener.NONE).filesRead()).isEqualTo(1);
      IngestReport again = pipeline.run(List.of(LogSource.of("s3://foo", List.of(noEtag), true)), IngestListener.NONE);
      assertThat(again.filesUnchanged()).isEqualTo(1);
      assertThat(again.filesRead()).isZero();
      LogFile touched = new S3ObjectFile(s3, "foo", key, listed.size(), null, Instant.parse("2026-11-02T11:00:00Z"));
      assertThat(pipeline.run(List.of(LogSource.of("s3://foo", List.of(touched), true)), IngestListener.NONE).filesRead()).isEqualTo(1);
    }
  }
}
