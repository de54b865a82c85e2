// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.generate.CorpusGenerator;
import dev.trailwatch.generate.GeneratorConfig;
import dev.trailwatch.ingest.CommittedFile;
import dev.trailwatch.ingest.IngestListener;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.IngestPipeline;
import dev.trailwatch.ingest.NotificationIngest;
import dev.trailwatch.ingest.Watch;
import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.source.s3.S3Clients;
import dev.trailwatch.source.s3.S3LogSource;
import dev.trailwatch.source.LayoutSelection;
import dev.trailwatch.store.duckdb.DuckDbConnections;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import dev.trailwatch.testkit.Await;
import dev.trailwatch.testkit.LoopbackAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Notifications from a real SQS-compatible server (ElasticMQ) naming objects in a real S3-compatible one (S3Proxy), both on loopback. */
class SqsNotificationSourceTest {
  @TempDir static Path tmp;
  static LoopbackAws aws;
  static S3Client s3;
  static Path corpus;
  static List<String> keys;

  @BeforeAll
  static void start() throws Exception {
    aws = LoopbackAws.start();
    s3 = S3Clients.create(aws.s3Endpoint(), "us-east-1");
    corpus = tmp.resolve("corpus");
    new CorpusGenerator().generate(new GeneratorConfig(corpus, 2_000, List.of("222222222222", "333333333333"), List.of("us-east-1"), 1,
        Instant.parse("2026-11-02T00:00:00Z"), 5, false, null), n -> {});
    keys = aws.upload(corpus, "foo", "").stream().filter(k -> k.contains("/CloudTrail/") && k.endsWith(".json.gz")).toList();
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  private SqsNotificationSource queue(String address, int visibilitySeconds) {
    return SqsNotificationSource.open(address, aws.sqsEndpoint(), "us-east-1", s3, Duration.ofSeconds(visibilitySeconds));
  }

  private static List<String> column(Path data, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DuckDbConnections.open(data, true); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Events in these corpus files, counted by ingesting the local copies. */
  private static long eventsIn(List<String> someKeys) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "local");
    List<LogSource> sources = someKeys.stream().map(k -> (LogSource) new LocalDirectorySource(corpus.resolve(k))).toList();
    try (DuckDbEventStore store = DuckDbEventStore.open(dir)) {
      return new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()).run(sources, IngestListener.NONE).eventsNew();
    }
  }

  @Test
  void everyNotificationShapeIsReadAndThenRemovedFromTheQueue() throws Exception {
    String address = aws.createQueue("shapes", 30);
    aws.send(address, Messages.sns(Messages.cloudTrail("foo", List.of(keys.get(0), keys.get(1)))));
    aws.send(address, Messages.cloudTrail("foo", List.of(keys.get(2))));
    aws.send(address, Messages.s3Event("ObjectCreated:Put", "foo", keys.get(3)));
    aws.send(address, Messages.sns(Messages.s3Event("ObjectCreated:Put", "foo", keys.get(4))));
    aws.send(address, Messages.eventBridge("Object Created", "foo", keys.get(5)));
    aws.send(address, Messages.s3TestEvent("foo"));
    aws.send(address, Messages.sns("CloudTrail validation message."));
    aws.send(address, Messages.s3Event("ObjectRemoved:Delete", "foo", keys.get(6)));
    Path data = tmp.resolve("shapes");
    NotificationIngest.Round total;
    try (DuckDbEventStore store = DuckDbEventStore.open(data); SqsNotificationSource q = queue(address, 30)) {
      total = new NotificationIngest(store, new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none())).drain(q, Duration.ofSeconds(1), IngestListener.NONE);
    }
    assertThat(total.messages()).isEqualTo(8);
    assertThat(total.settled()).isEqualTo(8);
    assertThat(total.ignored()).isEqualTo(3);
    assertThat(total.unusable() + total.retried()).isZero();
    assertThat(aws.messagesIn(address)).isZero();
    List<String> read = keys.subList(0, 6).stream().map(k -> "s3://foo/" + k).toList();
    assertThat(column(data, "SELECT source FROM files ORDER BY source")).containsExactlyElementsOf(read.stream().sorted().toList());
    assertThat(total.ingest().eventsNew()).isEqualTo(eventsIn(keys.subList(0, 6))).isPositive();
    assertThat(column(data, "SELECT count(*) FROM events")).containsExactly(Long.toString(total.ingest().eventsNew()));
  }

  @Test
  void aMalformedMessageIsReportedOnceAndLeftForTheDeadLetterPolicy() throws Exception {
    String address = aws.createQueue("malformed", 3);
    aws.send(address, "hello, not a notification");
    aws.send(address, Messages.cloudTrail("foo", List.of(keys.get(0))));
    Path data = tmp.resolve("malformed");
    try (DuckDbEventStore store = DuckDbEventStore.open(data); SqsNotificationSource q = queue(address, 3)) {
      NotificationIngest ingest = new NotificationIngest(store, new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()));
      NotificationIngest.Round first = ingest.drain(q, Duration.ofSeconds(1), IngestListener.NONE);
      assertThat(first.settled()).isEqualTo(1);
      assertThat(first.unusable()).isEqualTo(1);
      assertThat(aws.messagesIn(address)).isEqualTo(1);
      Thread.sleep(3_500); // visible again: received a second time
      NotificationIngest.Round second = ingest.drain(q, Duration.ofSeconds(1), IngestListener.NONE);
      assertThat(second.unusable()).isEqualTo(1);
      assertThat(aws.messagesIn(address)).isEqualTo(1);
    }
    assertThat(column(data, "SELECT source || ' | ' || reason || ' | ' || raw_text FROM problems")).singleElement().satisfies(p -> {
      assertThat(p).startsWith(address + "#");
      assertThat(p).contains("not a notification: the message is not JSON").endsWith("| hello, not a notification");
    });
    assertThat(column(data, "SELECT source FROM files")).containsExactly("s3://foo/" + keys.get(0));
  }

  @Test
  void aNotificationForAFileThatDoesNotExistIsReportedAndItsOtherFilesAreRead() throws Exception {
    String address = aws.createQueue("missing", 30);
    String gone = keys.get(1).replace(".json.gz", "-deleted.json.gz");
    aws.send(address, Messages.cloudTrail("foo", List.of(keys.get(0), gone)));
    Path data = tmp.resolve("missing");
    try (DuckDbEventStore store = DuckDbEventStore.open(data); SqsNotificationSource q = queue(address, 30)) {
      NotificationIngest.Round r = new NotificationIngest(store, new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none())).once(q, Duration.ofSeconds(1), IngestListener.NONE);
      assertThat(r.unusable()).isEqualTo(1);
      assertThat(r.ingest().filesRead()).isEqualTo(1);
    }
    assertThat(aws.messagesIn(address)).isEqualTo(1);
    assertThat(column(data, "SELECT reason FROM problems")).containsExactly("the notification names s3://foo/" + gone + ", which does not exist");
    assertThat(column(data, "SELECT source FROM files")).containsExactly("s3://foo/" + keys.get(0));
  }

  @Test
  void visibilityIsExtendedWhileAFileIsReadSoNoOtherReaderGetsTheMessage() throws Exception {
    String address = aws.createQueue("slow", 1);
    aws.send(address, Messages.cloudTrail("foo", List.of(keys.get(0))));
    List<Integer> seenByOthers = new CopyOnWriteArrayList<>();
    IngestListener slow = new IngestListener() {
      @Override
      public void committed(CommittedFile file) {
        try {
          Thread.sleep(2_500); // well past the 1 s visibility timeout
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        seenByOthers.add(aws.sqs().receiveMessage(b -> b.queueUrl(aws.queueUrl(address)).waitTimeSeconds(0)).messages().size());
      }
    };
    try (DuckDbEventStore store = DuckDbEventStore.open(tmp.resolve("slow")); SqsNotificationSource q = queue(address, 1)) {
      NotificationIngest.Round r = new NotificationIngest(store, new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none())).once(q, Duration.ofSeconds(1), slow);
      assertThat(r.settled()).isEqualTo(1);
      assertThat(q.extensions()).isGreaterThanOrEqualTo(3);
    }
    assertThat(seenByOthers).containsExactly(0);
    assertThat(aws.messagesIn(address)).isZero();
  }

  @Test
  void aNotificationDeliveredAgainAfterItsFilesWereCommittedReadsNothingTwice() throws Exception {
    String address = aws.createQueue("again", 30);
    Path data = tmp.resolve("again");
    try (DuckDbEventStore store = DuckDbEventStore.open(data); SqsNotificationSource q = queue(address, 30)) {
      NotificationIngest ingest = new NotificationIngest(store, new IngestPipeline(store, IngestOptions.defaults(), RuleEngine.none()));
      aws.send(address, Messages.cloudTrail("foo", List.of(keys.get(0))));
      long first = ingest.once(q, Duration.ofSeconds(1), IngestListener.NONE).ingest().eventsNew();
      aws.send(address, Messages.s3Event("ObjectCreated:Put", "foo", keys.get(0))); // the same file, announced again (a crash before the delete, or a second notification)
      NotificationIngest.Round again = ingest.once(q, Duration.ofSeconds(1), IngestListener.NONE);
      assertThat(first).isPositive();
      assertThat(again.settled()).isEqualTo(1);
      assertThat(again.ingest().filesUnchanged()).isEqualTo(1);
      assertThat(again.ingest().eventsNew()).isZero();
    }
    assertThat(aws.messagesIn(address)).isZero();
  }

  @Test
  void aWatchPicksUpFilesLandingInABucketAndAnnouncedOnAQueueWhileItRuns() throws Exception {
    String address = aws.createQueue("live", 30);
    s3.createBucket(b -> b.bucket("live"));
    List<String> said = new CopyOnWriteArrayList<>();
    Path data = tmp.resolve("live");
    try (SqsNotificationSource q = queue(address, 30)) {
      Watch watch = new Watch(() -> DuckDbEventStore.open(data), List.of(new S3LogSource(s3, "s3://live", LayoutSelection.everything())), List.of(q), RuleEngine.none(),
          IngestOptions.defaults(), Duration.ofMillis(300), said::add).start();
      try {
        Thread.sleep(700);
        aws.put("live", keys.get(0), corpus.resolve(keys.get(0)));
        Await.until(Duration.ofSeconds(20), "the file put into the bucket read", () -> said.stream().anyMatch(l -> l.startsWith("watch: s3://live/: 1 file,")),
            () -> "the watch said " + said);
        aws.send(address, Messages.cloudTrail("foo", List.of(keys.get(1))));
        Await.until(Duration.ofSeconds(20), "the announced file read", () -> said.stream().anyMatch(l -> l.startsWith("watch: " + address + ": 1 message (1 done")
            && l.contains("1 file,")), () -> "the watch said " + said);
      } finally {
        watch.close();
      }
    }
    assertThat(column(data, "SELECT source FROM files ORDER BY source")).containsExactly("s3://foo/" + keys.get(1), "s3://live/" + keys.get(0));
    assertThat(aws.messagesIn(address)).isZero();
  }
}
