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
import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Against a real S3-compatible server (S3Proxy, in-process on loopback): the brief's multi-account bucket and an organization trail. */
class S3LogSourceTest {
  @TempDir static Path tmp;
  static S3Proxy proxy;
  static S3Client s3;
  static Path corpus;
  static long files;

  @BeforeAll
  static void start() throws Exception {
    proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-identity", "test-credential").build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(20);
    }
    s3 = S3Clients.create("http://127.0.0.1:" + proxy.getPort(), "us-east-1");
    corpus = tmp.resolve("corpus");
    new CorpusGenerator().generate(new GeneratorConfig(corpus, 6_000, List.of("111111111111", "222222222222", "333333333333"),
        List.of("us-east-1", "eu-west-1"), 3, Instant.parse("2026-11-01T00:00:00Z"), 3, false, null), n -> {});
    s3.createBucket(b -> b.bucket("foo"));
    s3.createBucket(b -> b.bucket("org-logs"));
    try (Stream<Path> walk = Files.walk(corpus.resolve("AWSLogs"))) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String key = corpus.relativize(f).toString();
        s3.putObject(b -> b.bucket("foo").key(key), RequestBody.fromFile(f));
        s3.putObject(b -> b.bucket("org-logs").key("trails/" + key.replace("AWSLogs/", "AWSLogs/o-exampleorgid/")), RequestBody.fromFile(f));
        files++;
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.stop();
  }

  @Test
  void listsEveryAccountsFilesWithTheirEtags() {
    List<LogFile> all = new S3LogSource(s3, "s3://foo", S3Selection.everything()).list();
    assertThat(all).hasSize((int) files);
    assertThat(all).allMatch(f -> f.source().startsWith("s3://foo/AWSLogs/") && f.etag().isPresent() && f.size() > 0);
    assertThat(all.stream().map(f -> f.source().split("/")[4]).distinct()).containsExactlyInAnyOrder("111111111111", "222222222222", "333333333333");
  }

  @Test
  void aDateRangeListsOnlyTheNeededPrefixes() {
    S3LogSource source = new S3LogSource(s3, "s3://foo", new S3Selection(List.of(), List.of(),
        Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-02T23:59:59Z")));
    List<LogFile> day = source.list();
    assertThat(day).isNotEmpty().allMatch(f -> f.source().contains("/2026/11/02/") || f.source().endsWith("_20261103T0000Z_" + f.source().substring(f.source().length() - 24)));
    // 1 (accounts) + 3 accounts x 2 kinds (regions) + 3 x 2 regions x 1 day (objects): never the whole bucket.
    assertThat(source.listCalls()).isEqualTo(1 + 6 + 6);
    S3LogSource narrow = new S3LogSource(s3, "s3://foo", new S3Selection(List.of("222222222222"), List.of("eu-west-1"),
        Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-03T23:59:59Z")));
    assertThat(narrow.list()).isNotEmpty().allMatch(f -> f.source().contains("/222222222222/CloudTrail/eu-west-1/2026/11/0"));
  }

  @Test
  void organizationTrailsUnderAPrefixAreFoundToo() {
    S3LogSource source = new S3LogSource(s3, "s3://org-logs/trails", new S3Selection(List.of(), List.of(),
        Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T23:59:59Z")));
    List<LogFile> files = source.list();
    assertThat(files).hasSize((int) S3LogSourceTest.files - lateFiles());
    assertThat(files).allMatch(f -> f.source().startsWith("s3://org-logs/trails/AWSLogs/o-exampleorgid/"));
  }

  /** Files delivered just after midnight of the last day land in the next day's folder. */
  private static int lateFiles() {
    return (int) new S3LogSource(s3, "s3://foo", S3Selection.everything()).list().stream().filter(f -> f.source().contains("/2026/11/04/")).count();
  }

  @Test
  void ingestFromS3StoresWhatLocalIngestStoresAndReadsNothingTwice() throws Exception {
    LogSource bucket = new S3LogSource(s3, "s3://foo", S3Selection.everything());
    try (DuckDbEventStore store = DuckDbEventStore.open(tmp.resolve("from-s3"))) {
      IngestReport first = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()).run(List.of(bucket), IngestListener.NONE);
      assertThat(first.filesRead()).isEqualTo((int) files);
      assertThat(first.eventsNew()).isEqualTo(6_000);
      assertThat(first.problems()).isZero();
      IngestReport again = new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()).run(List.of(bucket), IngestListener.NONE);
      assertThat(again.filesUnchanged()).isEqualTo((int) files);
      assertThat(again.eventsNew()).isZero();
    }
    LogFile one = new S3LogSource(s3, "s3://foo", S3Selection.everything()).list().get(0);
    try (InputStream in = one.open()) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(corpus.resolve(one.source().substring("s3://foo/".length()))));
    }
  }
}
