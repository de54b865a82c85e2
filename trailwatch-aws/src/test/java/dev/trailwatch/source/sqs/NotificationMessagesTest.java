// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.source.sqs.NotificationMessages.Parsed;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every notification shape, what it announces, and the ones that announce nothing or cannot be used. */
class NotificationMessagesTest {
  private static final String KEY = "AWSLogs/222222222222/CloudTrail/us-east-1/2026/11/02/222222222222_CloudTrail_us-east-1_20261102T1005Z_a1.json.gz";

  static Stream<Arguments> announcing() {
    return Stream.of(
        Arguments.of("CloudTrail via SNS", Messages.sns(Messages.cloudTrail("foo", List.of(KEY, KEY.replace("a1", "b2")))), 2),
        Arguments.of("CloudTrail, raw delivery", Messages.cloudTrail("foo", List.of(KEY)), 1),
        Arguments.of("S3 event", Messages.s3Event("ObjectCreated:Put", "foo", KEY), 1),
        Arguments.of("S3 event via SNS", Messages.sns(Messages.s3Event("ObjectCreated:CompleteMultipartUpload", "foo", KEY)), 1),
        Arguments.of("EventBridge", Messages.eventBridge("Object Created", "foo", KEY), 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcing")
  void announcesTheObjects(String shape, String body, int objects) {
    Parsed p = NotificationMessages.parse(body);
    assertThat(p.problem()).isNull();
    assertThat(p.ignored()).isNull();
    assertThat(p.objects()).hasSize(objects).allMatch(o -> o.bucket().equals("foo") && o.key().startsWith("AWSLogs/222222222222/"));
    assertThat(p.objects().get(0).key()).isEqualTo(KEY);
  }

  static Stream<Arguments> needingNoReading() {
    return Stream.of(
        Arguments.of(Messages.s3TestEvent("foo"), "S3 test event"),
        Arguments.of(Messages.sns("CloudTrail validation message."), "CloudTrail validation message"),
        Arguments.of("CloudTrail validation message.", "CloudTrail validation message"),
        Arguments.of(Messages.s3Event("ObjectRemoved:Delete", "foo", KEY), "S3 event ObjectRemoved:Delete"),
        Arguments.of(Messages.eventBridge("Object Deleted", "foo", KEY), "EventBridge Object Deleted"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("needingNoReading")
  void isIgnoredWithTheReason(String body, String reason) {
    Parsed p = NotificationMessages.parse(body);
    assertThat(p.ignored()).isEqualTo(reason);
    assertThat(p.objects()).isEmpty();
    assertThat(p.problem()).isNull();
  }

  static Stream<Arguments> unusable() {
    return Stream.of(
        Arguments.of("hello", "not a notification: the message is not JSON"),
        Arguments.of("[1,2]", "not a notification: the message is not a JSON object"),
        Arguments.of("{\"foo\":1}", "not a notification: expected CloudTrail's s3Bucket/s3ObjectKey"),
        Arguments.of("{\"s3Bucket\":\"foo\",\"s3ObjectKey\":[]}", "CloudTrail notification without s3Bucket or s3ObjectKey[]"),
        Arguments.of("{\"s3Bucket\":\"foo\",\"s3ObjectKey\":[7]}", "CloudTrail notification with a key that is not a string: 7"),
        Arguments.of("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{}}]}", "S3 event record without"),
        Arguments.of(Messages.sns("{truncated"), "SNS message 8f2e5b1c-0000-4000-8000-000000000001: not a notification: the message is not JSON"),
        Arguments.of(Messages.eventBridge("Object Created", "", KEY), "EventBridge Object Created without detail.bucket.name"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("unusable")
  void isUnusableWithTheReason(String body, String reason) {
    Parsed p = NotificationMessages.parse(body);
    assertThat(p.problem()).startsWith(reason);
    assertThat(p.objects()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("encodedKeys")
  void s3EventKeysAreUrlDecoded(String encoded, String key) {
    assertThat(NotificationMessages.parse(Messages.s3Event("ObjectCreated:Put", "foo", encoded)).objects().get(0).key()).isEqualTo(key);
  }

  static Stream<Arguments> encodedKeys() {
    return Stream.of(Arguments.of("logs/red+flower.json", "logs/red flower.json"), Arguments.of("logs/a%3Ab%2Bc.json", "logs/a:b+c.json"),
        Arguments.of(KEY, KEY));
  }
}
