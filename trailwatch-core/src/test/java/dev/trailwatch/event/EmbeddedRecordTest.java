// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedRecordTest {
  private final LogFileParser parser = new LogFileParser();

  private List<CloudTrailEvent> eventsIn(String text) {
    List<CloudTrailEvent> found = new java.util.ArrayList<>();
    EmbeddedRecord.eventsIn(text, parser, found::add);
    return found;
  }

  @Test
  void theRecordsOfADeliveredTextAreTheOnesIngestFoundInIt() {
    String a = LogFileParserTest.good("a");
    String b = LogFileParserTest.good("b");
    String ec2 = "{\"version\":\"0\",\"detail-type\":\"EC2 Instance State-change Notification\",\"detail\":{\"instance-id\":\"i-1\"}}";
    for (String text : List.of(a, LogFileParserTest.eventBridgeEvent(b), "{\"Records\":[" + a + "," + b + "]}", a + "\n" + b + "\n", ec2,
        Base64.getEncoder().encodeToString(a.getBytes(StandardCharsets.UTF_8)), "  " + a,
        Base64.getEncoder().encodeToString(("\n" + a).getBytes(StandardCharsets.UTF_8)))) {
      // what ingest kept from the text, delivered as a CloudWatch Logs message
      List<CloudTrailEvent> kept = parser.parse(("{\"logEvents\":[{\"id\":\"1\",\"message\":" + LogFileParserTest.quoted(text) + "}]}")
          .getBytes(StandardCharsets.UTF_8)).events();
      byte[] data = EmbeddedRecord.base64Data(text); // base64 text: kept through a Firehose backup
      List<CloudTrailEvent> base64Kept = data == null ? kept
          : parser.parse(LogFileParserTest.firehoseBackupLine(data).getBytes(StandardCharsets.UTF_8)).events();

      assertThat(eventsIn(text)).as(text)
          .extracting(e -> e.identity() + " " + e.raw().text() + " " + e.eventTime() + " " + e.actor())
          .containsExactlyElementsOf(base64Kept.stream().map(e -> e.identity() + " " + e.raw().text() + " " + e.eventTime() + " " + e.actor()).toList());
    }
    assertThat(eventsIn(ec2)).isEmpty();
    assertThat(eventsIn(a + "\n" + b + "\n")).hasSize(2);
  }
}
