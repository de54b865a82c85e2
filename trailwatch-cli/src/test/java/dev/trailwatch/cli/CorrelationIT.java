// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correlations are evaluated in event time: late, out-of-order delivery across runs still gives one finding. */
class CorrelationIT {
  @TempDir Path tmp;

  private static String denied(int i, Instant t) {
    return "{\"eventVersion\":\"1.08\",\"eventID\":\"burst-" + i + "\",\"eventTime\":\"" + t + "\",\"eventSource\":\"iam.amazonaws.com\","
        + "\"eventName\":\"ListUsers\",\"errorCode\":\"AccessDenied\",\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"111122223333\","
        + "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"eve\",\"arn\":\"arn:aws:iam::111122223333:user/eve\"}}";
  }

  private static String file(List<String> records) {
    return "{\"Records\":[" + String.join(",", records) + "]}";
  }

  private List<JsonNode> bursts(String data) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Cli.run("findings", "--data", data, "--json").out().lines().toList()) {
      JsonNode f = new ObjectMapper().readTree(l);
      if (f.get("kind").asText().equals("correlation")) {
        out.add(f);
      }
    }
    return out;
  }

  @Test
  void aBurstSplitAcrossLateOutOfOrderFilesAndTwoRunsIsFoundOnce() throws Exception {
    Instant t0 = Instant.parse("2026-11-02T10:00:00Z");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(denied(i, t0.plusSeconds(30L * i)));
    }
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    // Delivered late and out of order: the end of the burst first, each file shuffled.
    Files.writeString(logs.resolve("1-late.json"), file(List.of(events.get(11), events.get(9), events.get(10), events.get(8))));
    Files.writeString(logs.resolve("2-early.json"), file(List.of(events.get(2), events.get(0), events.get(3), events.get(1))));
    String data = tmp.resolve("data").toString();

    assertThat(Cli.run("ingest", "--data", data, logs.toString()).exit()).isZero();
    assertThat(bursts(data)).as("8 refused calls are below the threshold of 10").isEmpty();

    Files.writeString(logs.resolve("3-middle.json"), file(List.of(events.get(6), events.get(4), events.get(7), events.get(5))));
    assertThat(Cli.run("ingest", "--data", data, logs.toString()).exit()).isZero();
    List<JsonNode> found = bursts(data);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).get("event_ids")).hasSize(12);
    assertThat(found.get(0).get("first_seen").asText()).isEqualTo("2026-11-02T10:00:00Z");
    assertThat(found.get(0).get("last_seen").asText()).isEqualTo("2026-11-02T10:05:30Z");

    // A second, separate burst two hours later is a second finding; re-reading changes nothing.
    List<String> later = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      later.add(denied(100 + i, t0.plusSeconds(7200 + 20L * i)));
    }
    Files.writeString(logs.resolve("4-later.json"), file(later));
    Cli.run("ingest", "--data", data, logs.toString());
    Cli.run("ingest", "--data", data, logs.toString());
    assertThat(bursts(data)).hasSize(2);
  }

  @Test
  void spreadOutRefusalsAreNotABurst() throws Exception {
    Instant t0 = Instant.parse("2026-11-02T10:00:00Z");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(denied(i, t0.plusSeconds(120L * i))); // 12 over 22 minutes: never 10 within 10 minutes
    }
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Files.writeString(logs.resolve("a.json"), file(events));
    String data = tmp.resolve("data").toString();
    Cli.run("ingest", "--data", data, logs.toString());
    assertThat(bursts(data)).isEmpty();
  }

  @Test
  void userRulesRunAloneWithNoBuiltinRules() throws Exception {
    Path rules = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(rules.resolve("mine.yml"), """
        title: Any ListUsers
        id: my-rule
        logsource: {product: aws}
        detection: {sel: {eventName: ListUsers}, condition: sel}
        level: low
        falsepositives: [none]
        ---
        title: Broken
        id: broken
        detection: {sel: {eventName|nope: X}, condition: sel}
        """);
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Files.writeString(logs.resolve("a.json"), file(List.of(denied(1, Instant.parse("2026-11-02T10:00:00Z")))));
    String data = tmp.resolve("data").toString();
    Cli r = Cli.run("ingest", "--data", data, "--rules", rules.toString(), "--no-builtin-rules", logs.toString());
    assertThat(r.exit()).isEqualTo(ExitStatus.PROBLEMS.code());
    assertThat(r.err()).contains("mine.yml:").contains("unknown modifier 'nope'");
    List<String> titles = Cli.run("findings", "--data", data, "--json").out().lines().map(l -> l.replaceAll(".*\"title\":\"([^\"]*)\".*", "$1")).toList();
    assertThat(titles).containsExactly("Any ListUsers");
  }
}
