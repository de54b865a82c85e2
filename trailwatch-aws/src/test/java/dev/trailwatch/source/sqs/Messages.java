// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The notification bodies AWS sends, built field by field as its documentation shows them. */
final class Messages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Messages() {}

  /** CloudTrail's notification to its SNS topic: {@code {"s3Bucket": …, "s3ObjectKey": [ … ]}}. */
  static String cloudTrail(String bucket, List<String> keys) {
    ObjectNode n = JSON.createObjectNode().put("s3Bucket", bucket);
    ArrayNode k = n.putArray("s3ObjectKey");
    keys.forEach(k::add);
    return n.toString();
  }

  /** An SNS envelope as SQS receives it without raw message delivery. */
  static String sns(String message) {
    return JSON.createObjectNode().put("Type", "Notification").put("MessageId", "8f2e5b1c-0000-4000-8000-000000000001")
        .put("TopicArn", "arn:aws:sns:us-east-1:111111111111:cloudtrail-logs").put("Message", message)
        .put("Timestamp", "2026-11-02T10:05:00.000Z").put("SignatureVersion", "1").put("Signature", "c2ln")
        .put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/cert.pem").put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe")
        .toString();
  }

  /** An S3 event notification; {@code encodedKey} as S3 sends it (URL-encoded). */
  static String s3Event(String eventName, String bucket, String encodedKey) {
    ObjectNode r = JSON.createObjectNode().put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", "us-east-1")
        .put("eventTime", "2026-11-02T10:05:00.000Z").put("eventName", eventName);
    ObjectNode s3 = r.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "trailwatch");
    s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
    s3.putObject("object").put("key", encodedKey).put("size", 1234).put("eTag", "0123456789abcdef0123456789abcdef").put("sequencer", "0055AED6DCD90281E5");
    ObjectNode n = JSON.createObjectNode();
    n.putArray("Records").add(r);
    return n.toString();
  }

  static String s3TestEvent(String bucket) {
    return JSON.createObjectNode().put("Service", "Amazon S3").put("Event", "s3:TestEvent").put("Time", "2026-11-02T10:00:00.000Z")
        .put("Bucket", bucket).put("RequestId", "5582815E1AEA5ADF").put("HostId", "8cLeGAmw").toString();
  }

  /** An EventBridge event of S3, as an EventBridge rule delivers it to SQS. */
  static String eventBridge(String detailType, String bucket, String key) {
    ObjectNode n = JSON.createObjectNode().put("version", "0").put("id", "17793124-05d4-b198-2fde-7ededc63b103").put("detail-type", detailType)
        .put("source", "aws.s3").put("account", "111111111111").put("time", "2026-11-02T10:05:00Z").put("region", "us-east-1");
    n.putArray("resources").add("arn:aws:s3:::" + bucket);
    ObjectNode d = n.putObject("detail").put("version", "0");
    d.putObject("bucket").put("name", bucket);
    d.putObject("object").put("key", key).put("size", 1234).put("etag", "b1946ac92492d2347c6235b4d2611184").put("sequencer", "00617F08299329D189");
    d.put("request-id", "N4N7GDK58NMKJ12R").put("requester", "cloudtrail.amazonaws.com").put("reason", "PutObject");
    return n.toString();
  }
}
