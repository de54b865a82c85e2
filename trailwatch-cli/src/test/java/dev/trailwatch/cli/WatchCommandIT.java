// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.testkit.Await;
import dev.trailwatch.testkit.LoopbackAws;
import dev.trailwatch.testkit.SharedSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trailwatch watch} and {@code ingest sqs://…} run as users run them (the jar, a child process), against
 * S3Proxy and ElasticMQ on loopback, with static test credentials and no instance metadata.
 */
class WatchCommandIT {
  private static final List<String> AWS_JVM = List.of("-Daws.accessKeyId=" + LoopbackAws.ACCESS_KEY, "-Daws.secretAccessKey=" + LoopbackAws.SECRET_KEY,
      "-Daws.disableEc2Metadata=true", "-Xmx512m");
  private static final String STOP_LOGGING = "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"w1\",\"eventTime\":\"2026-11-02T10:00:00Z\","
      + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"recipientAccountId\":\"111122223333\","
      + "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"eve\"}}]}";

  @TempDir Path tmp;

  @Test
  void watchesAFolderAndAQueueUntilStoppedThenStopsGracefully() throws Exception {
    try (LoopbackAws aws = LoopbackAws.start()) {
      String queue = aws.createQueue("trail", 30);
      aws.s3().createBucket(b -> b.bucket("foo"));
      Path logs = Files.createDirectories(tmp.resolve("logs"));
      Path out = tmp.resolve("out.txt");
      String data = tmp.resolve("data").toString();
      Process p = Jar.builder(AWS_JVM, "watch", "--data", data, "--interval", "1", "--endpoint", aws.s3Endpoint(), "--sqs-endpoint", aws.sqsEndpoint(),
          logs.toString(), queue, "s3://no-such-bucket/AWSLogs/").redirectOutput(out.toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
      try {
        await(out, s -> s.contains("watching "));
        Files.writeString(logs.resolve("landed.json"), STOP_LOGGING);
        await(out, s -> s.contains("watch: " + logs.toAbsolutePath() + ": 1 file, 1 new event, "));
        String key = "AWSLogs/222222222222/CloudTrail/us-east-1/2026/11/02/a.json.gz";
        aws.put("foo", key, SharedSamples.file("cpl/SerializerTestFileCompact.json.gz"));
        aws.send(queue, "{\"s3Bucket\":\"foo\",\"s3ObjectKey\":[\"" + key + "\"]}");
        await(out, s -> s.contains("watch: " + queue + ": 1 message (1 done"));
      } finally {
        p.destroy(); // SIGTERM: the round in progress finishes, then the process ends
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(aws.messagesIn(queue)).isZero();
      // a bucket that cannot be listed is said once, not every round: its words leave out the request's ids
      assertThat(Files.readAllLines(out)).filteredOn(l -> l.startsWith("watch: s3://no-such-bucket")).containsExactly(
          "watch: s3://no-such-bucket/AWSLogs/: cannot list: The specified bucket does not exist (NoSuchBucket, HTTP 404)");
      Cli q = Cli.run("query", "--data", data, "--csv", "SELECT count(*) AS n, count(DISTINCT file_id) AS files FROM events");
      assertThat(q.out()).contains("n,files").contains("\n7,2");
      assertThat(Cli.run("findings", "--data", data, "--json").out()).contains("CloudTrail logging stopped or trail deleted").contains("\"event_ids\":[\"w1\"]");
    }
  }

  @Test
  void ingestDrainsAQueueAndReportsUnusableMessages() throws Exception {
    try (LoopbackAws aws = LoopbackAws.start()) {
      String queue = aws.createQueue("backlog", 30);
      aws.s3().createBucket(b -> b.bucket("foo"));
      String key = "AWSLogs/333333333333/CloudTrail/eu-west-1/2026/11/02/b.json";
      aws.put("foo", key, SharedSamples.file("otel/cloudtrail_log.json"));
      aws.send(queue, "{\"Type\":\"Notification\",\"MessageId\":\"m1\",\"TopicArn\":\"arn:aws:sns:eu-west-1:111111111111:t\",\"Message\":"
          + "\"{\\\"s3Bucket\\\":\\\"foo\\\",\\\"s3ObjectKey\\\":[\\\"" + key + "\\\"]}\"}");
      aws.send(queue, "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"foo\"}");
      aws.send(queue, "not json at all");
      String data = tmp.resolve("data").toString();
      Cli r = Jar.run(120, AWS_JVM, "ingest", "--data", data, "--endpoint", aws.s3Endpoint(), "--sqs-endpoint", aws.sqsEndpoint(), queue);
      assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.PROBLEMS.code());
      assertThat(r.out()).contains(queue + ": 3 messages: 2 done (1 needed no reading), 1 unusable (see the problems table), 0 left to retry");
      assertThat(aws.messagesIn(queue)).isEqualTo(1);
      assertThat(Cli.run("query", "--data", data, "--csv", "SELECT count(*) AS n FROM events").out()).contains("\n7");
      assertThat(Cli.run("query", "--data", data, "--csv", "SELECT raw_text FROM problems").out()).contains("not json at all");
    }
  }

  @Test
  void aBadQueueAddressIsAUsageError() {
    Cli r = Cli.run("watch", "--data", tmp.toString(), "sqs://only-a-host");
    assertThat(r.exit()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(r.err()).contains("not an sqs://host/account/queue address: sqs://only-a-host");
  }

  private static void await(Path out, Predicate<String> condition) throws Exception {
    Await.until(Duration.ofSeconds(60), "the expected output", () -> condition.test(output(out)), () -> "the watch printed: " + output(out));
  }

  private static String output(Path out) {
    try {
      return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
