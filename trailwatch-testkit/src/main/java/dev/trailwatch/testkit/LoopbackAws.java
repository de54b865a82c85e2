// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real S3-compatible server (S3Proxy, in memory) and a real SQS-compatible server (ElasticMQ), both started
 * in this process on 127.0.0.1 with free ports, with clients that use static test credentials, an endpoint
 * override and a region, so nothing but loopback is ever contacted.
 */
public final class LoopbackAws implements AutoCloseable {
  public static final String ACCESS_KEY = "test-identity";
  public static final String SECRET_KEY = "test-credential";

  private final S3Proxy s3proxy;
  private final SQSRestServer elasticmq;
  private final int sqsPort;
  private final S3Client s3;
  private final SqsClient sqs;

  private LoopbackAws(S3Proxy s3proxy, SQSRestServer elasticmq, int sqsPort) {
    this.s3proxy = s3proxy;
    this.elasticmq = elasticmq;
    this.sqsPort = sqsPort;
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    // The fixture's uploads retry longer than the SDK's default (4 attempts within a few hundred ms): in two of
    // five CI runs on 2026-11-27 one PUT through the JDK's HTTP client failed on all four with "Error writing
    // request body to server" (S3Proxy closed the connection before taking the body; not reproduced by idle
    // connections of up to 5 s). Trailwatch itself only reads from S3; its own clients keep the defaults.
    RetryStrategy patient = AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(8)
        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(250), Duration.ofSeconds(2))).build();
    this.s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials).region(Region.US_EAST_1)
        .overrideConfiguration(o -> o.retryStrategy(patient)).endpointOverride(URI.create(s3Endpoint())).forcePathStyle(true).build();
    this.sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials).region(Region.US_EAST_1)
        .endpointOverride(URI.create(sqsEndpoint())).build();
  }

  public static LoopbackAws start() throws Exception {
    S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(20);
    }
    SQSRestServer mq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = mq.waitUntilStarted().localAddress().getPort();
    return new LoopbackAws(proxy, mq, port);
  }

  public String s3Endpoint() {
    return "http://127.0.0.1:" + s3proxy.getPort();
  }

  public String sqsEndpoint() {
    return "http://127.0.0.1:" + sqsPort;
  }

  public S3Client s3() {
    return s3;
  }

  public SqsClient sqs() {
    return sqs;
  }

  /** Creates a queue with this visibility timeout and returns its {@code sqs://127.0.0.1:port/account/name} address. */
  public String createQueue(String name, int visibilitySeconds) {
    String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds))))
        .queueUrl();
    return "sqs://" + URI.create(url).getAuthority() + URI.create(url).getPath();
  }

  /** The queue URL of an {@code sqs://} address made by {@link #createQueue}. */
  public String queueUrl(String address) {
    return sqsEndpoint() + URI.create(address).getPath();
  }

  public void send(String address, String body) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl(address)).messageBody(body));
  }

  /** Messages in the queue: visible and in flight. */
  public int messagesIn(String address) {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl(address))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)) + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** Uploads every file under {@code root} to the bucket (created if needed), keyed by its path relative to {@code root}; returns the keys. */
  public List<String> upload(Path root, String bucket, String keyPrefix) {
    if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      return files.stream().map(f -> {
        String key = keyPrefix + root.relativize(f).toString().replace('\\', '/');
        put(bucket, key, f);
        return key;
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Puts one file (through the fixture's client, which retries patiently: see the constructor). */
  public void put(String bucket, String key, Path file) {
    put(bucket, key, RequestBody.fromFile(file));
  }

  /** Puts one object. */
  public void put(String bucket, String key, RequestBody body) {
    s3.putObject(b -> b.bucket(bucket).key(key), body);
  }

  @Override
  public void close() {
    s3.close();
    sqs.close();
    elasticmq.stopAndWait();
    try {
      s3proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop: " + e.getMessage(), e);
    }
  }
}
