// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.sqs;

import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.Notification;
import dev.trailwatch.source.NotificationSource;
import dev.trailwatch.source.s3.AwsErrors;
import dev.trailwatch.source.s3.S3ObjectFile;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@code sqs://host/account/queue}: notifications of new CloudTrail files (see {@link NotificationMessages} for
 * the shapes). Each announced object is looked up (HEAD) for its size and current ETag, so the ledger
 * recognises a file already read and a notification for an object that does not exist is reported instead of
 * failing a read. While messages are held their visibility is extended every third of the visibility
 * timeout, so a long file is not handed to another reader; a message leaves the queue only when settled.
 */
public final class SqsNotificationSource implements NotificationSource {
  private final SqsClient sqs;
  private final S3Client s3;
  private final String queueUrl;
  private final String name;
  private final Duration visibility;
  private final Map<String, String> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService keeper;
  private final AtomicInteger extensions = new AtomicInteger();

  public SqsNotificationSource(SqsClient sqs, S3Client s3, String queueUrl, String name, Duration visibility) {
    if (visibility.toSeconds() < 1 || visibility.toSeconds() > 43_200) {
      throw new IllegalArgumentException("the visibility timeout must be between 1 second and 12 hours: " + visibility);
    }
    this.sqs = sqs;
    this.s3 = s3;
    this.queueUrl = queueUrl;
    this.name = name;
    this.visibility = visibility;
    this.keeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "trailwatch-sqs-visibility");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(200, visibility.toMillis() / 3);
    keeper.scheduleWithFixedDelay(this::extend, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens {@code sqs://host[:port]/account/queue}: the queue URL is {@code https://host/account/queue}, or
   * the endpoint's URL with the same path when an endpoint (an SQS-compatible server) is given. The region is
   * the one in an {@code sqs.<region>.amazonaws.com} host, else {@code region}, else us-east-1.
   */
  public static SqsNotificationSource open(String address, @Nullable String endpoint, @Nullable String region, S3Client s3, Duration visibility) {
    URI u = URI.create(address);
    String path = u.getPath() == null ? "" : u.getPath();
    if (!"sqs".equals(u.getScheme()) || u.getHost() == null || path.split("/").length != 3) {
      throw new IllegalArgumentException("not an sqs://host/account/queue address: " + address);
    }
    String host = u.getHost();
    String regionName = host.matches("sqs\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?") ? host.split("\\.")[1] : region == null ? "us-east-1" : region;
    var b = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(regionName));
    String url;
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
      url = endpoint.replaceAll("/+$", "") + path;
    } else {
      url = "https://" + u.getAuthority() + path;
    }
    SqsClient sqs = b.build();
    try {
      return new SqsNotificationSource(sqs, s3, url, address, visibility);
    } catch (IllegalArgumentException e) {
      sqs.close();
      throw e;
    }
  }

  @Override
  public List<Notification> receive(Duration wait) throws IOException {
    List<Message> messages;
    try {
      messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds((int) Math.min(20, wait.toSeconds()))
          .visibilityTimeout((int) visibility.toSeconds()).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    } catch (SdkException e) {
      throw new IOException("cannot receive from " + name + ": " + AwsErrors.oneLine(e), e);
    }
    List<Notification> out = new ArrayList<>();
    for (Message m : messages) {
      held.put(m.messageId(), m.receiptHandle());
      out.add(understand(m));
    }
    return out;
  }

  private Notification understand(Message m) throws IOException {
    String source = name + "#" + m.messageId();
    NotificationMessages.Parsed p = NotificationMessages.parse(m.body());
    List<LogFile> files = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (NotificationMessages.ObjectRef ref : p.objects()) {
      try {
        HeadObjectResponse h = s3.headObject(r -> r.bucket(ref.bucket()).key(ref.key()));
        files.add(new S3ObjectFile(s3, ref.bucket(), ref.key(), h.contentLength(), h.eTag(), h.lastModified()));
      } catch (S3Exception e) { // NoSuchKeyException is one, with status 404
        if (e.statusCode() == 404) {
          missing.add("s3://" + ref.bucket() + "/" + ref.key());
        } else { // access denied, throttling: reading will say why, and the message is retried
          files.add(new S3ObjectFile(s3, ref.bucket(), ref.key(), ref.size(), ref.etag(), null));
        }
      } catch (SdkException e) {
        throw new IOException("cannot look up s3://" + ref.bucket() + "/" + ref.key() + ": " + AwsErrors.oneLine(e), e);
      }
    }
    String problem = p.problem();
    if (problem == null && !missing.isEmpty()) {
      problem = "the notification names " + String.join(", ", missing) + ", which does not exist";
    }
    return new Notification(m.messageId(), source, files, p.ignored(), problem, m.body());
  }

  @Override
  public void settle(Notification n) throws IOException {
    String receipt = held.remove(n.id());
    if (receipt == null) {
      return;
    }
    try {
      sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receipt));
    } catch (SdkException e) {
      throw new IOException("cannot delete message " + n.id() + " from " + name + " (it will be delivered again; its files are in the ledger): "
          + AwsErrors.oneLine(e), e);
    }
  }

  @Override
  public void leave(Notification n) {
    held.remove(n.id());
  }

  /** How many times held messages had their visibility extended (tests watch it). */
  public int extensions() {
    return extensions.get();
  }

  private void extend() {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
    int i = 0;
    for (String receipt : held.values()) {
      entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + i++).receiptHandle(receipt).visibilityTimeout((int) visibility.toSeconds()).build());
    }
    for (int from = 0; from < entries.size(); from += 10) {
      List<ChangeMessageVisibilityBatchRequestEntry> part = entries.subList(from, Math.min(entries.size(), from + 10));
      try {
        sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(part));
        extensions.incrementAndGet();
      } catch (SdkException e) { // next time; if it keeps failing the message is delivered again, and the ledger absorbs it
        continue;
      }
    }
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    keeper.shutdownNow();
    sqs.close();
  }
}
