// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.sqs;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleSources;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.Watch;
import dev.trailwatch.source.s3.S3Clients;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import dev.trailwatch.testkit.LoopbackAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Benchmark, not a test (run by {@code bench/watch-latency.sh}): how long from a CloudTrail file landing in S3 and
 * its notification being sent on SQS until a watch has committed its events and their findings, over ElasticMQ
 * and S3Proxy on loopback, with the built-in rules.
 */
public final class WatchLatency {
  private WatchLatency() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Path data = Files.createTempDirectory("tw-latency");
    try (LoopbackAws aws = LoopbackAws.start()) {
      aws.s3().createBucket(b -> b.bucket("foo"));
      String address = aws.createQueue("trail", 300);
      LinkedBlockingQueue<String> said = new LinkedBlockingQueue<>();
      SqsNotificationSource queue = SqsNotificationSource.open(address, aws.sqsEndpoint(), "us-east-1", S3Clients.create(aws.s3Endpoint(), "us-east-1"),
          Duration.ofSeconds(300));
      Watch watch = new Watch(() -> DuckDbEventStore.open(data), List.of(), List.of(queue), new RuleEngine(RuleSources.builtin(new SigmaParser())),
          IngestOptions.defaults(), Duration.ofSeconds(5), said::add).start();
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        String key = String.format(Locale.ROOT, "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/27/111122223333_CloudTrail_us-east-1_20261127T%04dZ_x.json", i);
        String body = "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"lat-" + i + "\",\"eventTime\":\"2026-11-27T10:00:00Z\","
            + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"111122223333\","
            + "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"eve\"}}]}";
        long t0 = System.nanoTime();
        aws.put("foo", key, RequestBody.fromString(body));
        aws.send(address, "{\"s3Bucket\":\"foo\",\"s3ObjectKey\":[\"" + key + "\"]}");
        String line = said.poll(60, TimeUnit.SECONDS);
        if (line == null || !line.contains("1 file, 1 new event,")) {
          throw new IllegalStateException("round " + i + ": the watch said " + line);
        }
        millis.add((System.nanoTime() - t0) / 1e6);
      }
      watch.close();
      queue.close();
      Collections.sort(millis);
      System.out.printf(Locale.ROOT, "%d files landed and announced one at a time: file landed -> events and findings committed: p50 %.0f ms, p90 %.0f ms, max %.0f ms%n",
          rounds, millis.get(rounds / 2), millis.get((int) (rounds * 0.9)), millis.get(rounds - 1));
    }
  }
}
