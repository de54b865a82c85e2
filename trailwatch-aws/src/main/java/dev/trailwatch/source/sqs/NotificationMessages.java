// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a queue message says, for every shape users have:
 *
 * <ul>
 *   <li>CloudTrail's notification {@code {"s3Bucket": …, "s3ObjectKey": [ … ]}}, inside an SNS envelope or
 *       raw (SNS raw message delivery);
 *   <li>S3 event notifications {@code {"Records": [{"eventName": "ObjectCreated:…", "s3": …}]}}, direct or in
 *       an SNS envelope; their keys are URL-encoded (spaces as {@code +}) and are decoded here;
 *   <li>EventBridge {@code "detail-type": "Object Created"} events from {@code aws.s3} (keys as stored);
 *   <li>needing no reading: S3's {@code s3:TestEvent}, CloudTrail's {@code CloudTrail validation message.},
 *       object removals and other S3 event types.
 * </ul>
 *
 * Anything else is unusable, with the reason.
 */
final class NotificationMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NotificationMessages() {}

  /** An object a message announces; {@code size} is -1 and {@code etag} null when the message does not say. */
  record ObjectRef(String bucket, String key, long size, @Nullable String etag) {}

  /** A message understood: objects to read, or why there is nothing to read, or why it is unusable. */
  record Parsed(List<ObjectRef> objects, @Nullable String ignored, @Nullable String problem) {
    static Parsed objects(List<ObjectRef> refs) {
      return new Parsed(List.copyOf(refs), null, null);
    }

    static Parsed ignored(String why) {
      return new Parsed(List.of(), why, null);
    }

    static Parsed unusable(String why) {
      return new Parsed(List.of(), null, why);
    }
  }

  static Parsed parse(String body) {
    String text = body.strip();
    if (text.startsWith("CloudTrail validation message")) {
      return Parsed.ignored("CloudTrail validation message");
    }
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return Parsed.unusable("not a notification: the message is not JSON (" + e.getOriginalMessage() + ")");
    }
    if (n == null || !n.isObject()) {
      return Parsed.unusable("not a notification: the message is not a JSON object");
    }
    if (n.path("Type").asText().equals("Notification") && n.path("Message").isTextual()) {
      Parsed inner = parse(n.path("Message").asText());
      return inner.problem() == null ? inner : Parsed.unusable("SNS message " + n.path("MessageId").asText("?") + ": " + inner.problem());
    }
    if (n.has("s3Bucket") || n.has("s3ObjectKey")) {
      return cloudTrail(n);
    }
    if (n.path("Event").asText().equals("s3:TestEvent")) {
      return Parsed.ignored("S3 test event");
    }
    if (n.path("Records").isArray()) {
      return s3Event(n.path("Records"));
    }
    if (n.path("source").asText().equals("aws.s3") && n.has("detail-type")) {
      return eventBridge(n);
    }
    return Parsed.unusable("not a notification: expected CloudTrail's s3Bucket/s3ObjectKey, S3 event Records, an EventBridge "
        + "aws.s3 event or an SNS envelope of one");
  }

  private static Parsed cloudTrail(JsonNode n) {
    JsonNode bucket = n.path("s3Bucket");
    JsonNode keys = n.path("s3ObjectKey");
    if (!bucket.isTextual() || bucket.asText().isEmpty() || !keys.isArray() || keys.isEmpty()) {
      return Parsed.unusable("CloudTrail notification without s3Bucket or s3ObjectKey[]");
    }
    List<ObjectRef> refs = new ArrayList<>();
    for (JsonNode k : keys) {
      if (!k.isTextual() || k.asText().isEmpty()) {
        return Parsed.unusable("CloudTrail notification with a key that is not a string: " + k);
      }
      refs.add(new ObjectRef(bucket.asText(), k.asText(), -1, null));
    }
    return Parsed.objects(refs);
  }

  private static Parsed s3Event(JsonNode records) {
    List<ObjectRef> refs = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (JsonNode r : records) {
      JsonNode s3 = r.path("s3");
      String bucket = s3.path("bucket").path("name").asText("");
      String key = s3.path("object").path("key").asText("");
      if (!r.path("eventSource").asText().equals("aws:s3") || bucket.isEmpty() || key.isEmpty()) {
        return Parsed.unusable("S3 event record without eventSource aws:s3, s3.bucket.name or s3.object.key");
      }
      String name = r.path("eventName").asText("");
      if (!name.startsWith("ObjectCreated:")) {
        others.add(name);
        continue;
      }
      JsonNode o = s3.path("object");
      refs.add(new ObjectRef(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8), o.path("size").asLong(-1), etag(o.path("eTag"))));
    }
    if (refs.isEmpty()) {
      return Parsed.ignored("S3 event " + String.join(", ", others));
    }
    return Parsed.objects(refs);
  }

  private static Parsed eventBridge(JsonNode n) {
    String type = n.path("detail-type").asText();
    if (!type.equals("Object Created")) {
      return Parsed.ignored("EventBridge " + type);
    }
    JsonNode d = n.path("detail");
    String bucket = d.path("bucket").path("name").asText("");
    String key = d.path("object").path("key").asText("");
    if (bucket.isEmpty() || key.isEmpty()) {
      return Parsed.unusable("EventBridge Object Created without detail.bucket.name or detail.object.key");
    }
    return Parsed.objects(List.of(new ObjectRef(bucket, key, d.path("object").path("size").asLong(-1), etag(d.path("object").path("etag")))));
  }

  private static @Nullable String etag(JsonNode n) {
    return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
  }
}
