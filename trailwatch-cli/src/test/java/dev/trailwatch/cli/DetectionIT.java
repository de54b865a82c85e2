// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in pack on the generated corpus: every planted incident is found, the look-alikes are not. */
class DetectionIT {
  @TempDir static Path tmp;
  static String data;
  static JsonNode incidents;
  static List<JsonNode> findings;

  @BeforeAll
  static void generateAndIngest() throws IOException {
    Path corpus = tmp.resolve("corpus");
    assertThat(Cli.run("generate", "--out", corpus.toString(), "--events", "40000", "--days", "1", "--start", "2026-11-02", "--seed", "11", "--incidents").exit()).isZero();
    data = tmp.resolve("data").toString();
    Cli ingest = Cli.run("ingest", "--data", data, corpus.resolve("AWSLogs").toString());
    assertThat(ingest.exit()).as(ingest.err()).isZero();
    incidents = new ObjectMapper().readTree(corpus.resolve("incidents.json").toFile());
    findings = json(Cli.run("findings", "--data", data, "--json", "--limit", "100000").out());
  }

  static List<JsonNode> json(String lines) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : lines.lines().toList()) {
      out.add(new ObjectMapper().readTree(l));
    }
    return out;
  }

  static Set<String> eventIdsOf(JsonNode finding) {
    Set<String> out = new HashSet<>();
    finding.get("event_ids").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void everyPlantedIncidentYieldsFindingsThatNameAllItsEvents() {
    for (JsonNode incident : incidents) {
      Set<String> wanted = new HashSet<>();
      incident.get("event_ids").forEach(n -> wanted.add(n.asText()));
      Set<String> named = new HashSet<>();
      for (JsonNode f : findings) {
        if (List.of("medium", "high", "critical").contains(f.get("level").asText())) {
          named.addAll(eventIdsOf(f));
        }
      }
      assertThat(named).as("incident %s", incident.get("id").asText()).containsAll(wanted);
    }
  }

  @Test
  void theAccessDeniedBurstIsOneCorrelationFindingWithAllItsEvents() {
    JsonNode burst = null;
    for (JsonNode i : incidents) {
      if (i.get("id").asText().equals("access-denied-burst")) {
        burst = i;
      }
    }
    Set<String> wanted = new HashSet<>();
    burst.get("event_ids").forEach(n -> wanted.add(n.asText()));
    List<JsonNode> correlations = findings.stream()
        .filter(f -> f.get("kind").asText().equals("correlation") && f.get("title").asText().startsWith("Burst of unauthorized"))
        .filter(f -> eventIdsOf(f).containsAll(wanted)).toList();
    assertThat(correlations).hasSize(1);
    assertThat(correlations.get(0).get("level").asText()).isEqualTo("high");
  }

  @Test
  void benignLookAlikesRaiseNoneOfThoseFindings() {
    Set<String> incidentEvents = new HashSet<>();
    incidents.forEach(i -> i.get("event_ids").forEach(n -> incidentEvents.add(n.asText())));
    List<String> exposureAndIdentityRules = List.of("Security group opened to the world", "Security group opens an administrative port to the world",
        "Network ACL allows traffic from the world", "CIS 4.2: Console sign-in without MFA", "CIS 4.3: Root account usage",
        "Access key created for another IAM user", "AdministratorAccess attached", "CloudTrail logging stopped or trail deleted");
    for (JsonNode f : findings) {
      if (exposureAndIdentityRules.contains(f.get("title").asText())) {
        assertThat(incidentEvents).as("finding %s on baseline events", f.get("title").asText()).containsAll(eventIdsOf(f));
      }
    }
    // The look-alikes are in the corpus: internal-only rules, logins with MFA, root acting through a service.
    assertThat(count("SELECT count(*) FROM events WHERE event_name = 'AuthorizeSecurityGroupIngress'")).isGreaterThan(1);
    assertThat(count("SELECT count(*) FROM events WHERE event_name = 'ConsoleLogin' AND mfa_used")).isPositive();
  }

  @Test
  void findingsCarryWhatTheAnalystNeeds() {
    JsonNode f = findings.stream().filter(x -> x.get("title").asText().equals("CIS 4.2: Console sign-in without MFA")).findFirst().orElseThrow();
    assertThat(f.get("rule_id").asText()).isNotBlank();
    assertThat(f.get("tags").toString()).contains("cis.aws.4.2");
    assertThat(f.get("account").asText()).matches("\\d{12}");
    assertThat(f.get("region").asText()).isEqualTo("us-east-1");
    assertThat(f.get("actor").asText()).isEqualTo("dave");
    assertThat(f.get("first_seen").asText()).endsWith("Z");
    assertThat(f.get("last_seen").asText()).endsWith("Z");
  }

  @Test
  void findingsFilterAndAcknowledge() throws IOException {
    List<JsonNode> critical = json(Cli.run("findings", "--data", data, "--json", "--level", "critical").out());
    assertThat(critical).isNotEmpty().allMatch(f -> f.get("level").asText().equals("critical"));
    List<JsonNode> high = json(Cli.run("findings", "--data", data, "--json", "--level", "high").out());
    assertThat(high.size()).isGreaterThan(critical.size());
    String account = critical.get(0).get("account").asText();
    assertThat(json(Cli.run("findings", "--data", data, "--json", "--account", account).out())).allMatch(f -> f.get("account").asText().equals(account));
    assertThat(json(Cli.run("findings", "--data", data, "--json", "--rule", "CloudTrail logging stopped").out())).hasSize(1);
    assertThat(json(Cli.run("findings", "--data", data, "--json", "--since", "2099-01-01").out())).isEmpty();
    Cli two = Cli.run("findings", "--data", data, "--level", "high", "--limit", "2");
    assertThat(two.out()).contains(String.format(java.util.Locale.ROOT, "(the newest 2 of %,d findings; --limit N for more)", high.size()));
    assertThat(Cli.run("findings", "--data", data, "--json", "--level", "high", "--limit", "2").err()).contains("the newest 2 of");

    String id = critical.get(0).get("finding_id").asText();
    Cli ack = Cli.run("findings", "ack", "--data", data, id, "--note", "expected");
    assertThat(ack.exit()).as(ack.err()).isZero();
    assertThat(json(Cli.run("findings", "--data", data, "--json", "--status", "acknowledged").out())).extracting(f -> f.get("finding_id").asText()).containsExactly(id);
    assertThat(json(Cli.run("findings", "--data", data, "--json", "--level", "critical", "--status", "open").out())).hasSize(critical.size() - 1);
    assertThat(Cli.run("findings", "ack", "--data", data, "000000000000").exit()).isEqualTo(1);
    assertThat(Cli.run("findings", "--data", data, "--level", "severe").exit()).isEqualTo(2);
  }

  @Test
  void huntRunsARuleOverTheStoredHistory() throws IOException {
    Path rule = huntRule("Snapshot permission changes",
        "{eventName: ModifySnapshotAttribute, requestParameters.createVolumePermission.add.items.userId: '777766665555'}");
    Cli r = Cli.run("hunt", "--data", data, "--json", rule.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<JsonNode> hits = json(r.out());
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).get("event_name").asText()).isEqualTo("ModifySnapshotAttribute");
  }

  @Test
  void huntReplaysEveryStoredEventOnceAndCountsByRule() throws IOException {
    Path rule = huntRule("Every EC2 call", "{eventSource: ec2.amazonaws.com}");
    assertThat(count("SELECT count(*) FROM files")).as("more files than one replay query takes").isGreaterThan(256);

    Cli r = Cli.run("hunt", "--data", data, "--max-rows", "5", rule.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    long ec2 = count("SELECT count(*) FROM events WHERE event_source = 'ec2.amazonaws.com'");
    assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "(the first 5 of %,d matches", ec2))
        .contains(String.format(java.util.Locale.ROOT, "%,d matches in %,d events replayed", ec2, count("SELECT count(*) FROM events")))
        .containsPattern("Every EC2 call +" + java.util.regex.Pattern.quote(String.format(java.util.Locale.ROOT, "%,d", ec2)));
    assertThat(r.out().lines().filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.*"))).hasSize(5);
  }

  @Test
  void huntReplaysOnlyTheWindowAsked() throws IOException {
    Path rule = huntRule("EC2 calls in a window", "{eventSource: ec2.amazonaws.com}");
    Cli r = Cli.run("hunt", "--data", data, "--since", "2026-11-02T06:00:00Z", "--until", "2026-11-02T12:00:00Z", rule.toString());
    long expected = count("SELECT count(*) FROM events WHERE event_source = 'ec2.amazonaws.com'"
        + " AND event_time >= TIMESTAMP '2026-11-02 06:00:00' AND event_time < TIMESTAMP '2026-11-02 12:00:00'");
    assertThat(expected).isPositive().isLessThan(count("SELECT count(*) FROM events WHERE event_source = 'ec2.amazonaws.com'"));
    assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "%,d matches in", expected));
    Cli wrong = Cli.run("hunt", "--data", data, "--since", "2026-11-03", "--until", "2026-11-02", rule.toString());
    assertThat(wrong.exit()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(wrong.err()).contains("--until 2026-11-02 is not after --since 2026-11-03");
  }

  @Test
  void huntFindsTheSameCorrelationBurstsAsIngest() throws IOException {
    Path watchlist = Path.of("../trailwatch-core/src/main/resources/dev/trailwatch/detect/rules/watchlist.yml");
    Cli r = Cli.run("hunt", "--data", data, "--json", watchlist.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    Map<String, Set<String>> hunted = new HashMap<>(); // finding id -> its events
    Map<String, Set<String>> ingested = new HashMap<>();
    for (JsonNode f : json(r.out())) {
      if (f.path("kind").asText().equals("correlation")) {
        hunted.put(f.get("finding_id").asText(), eventIdsOf(f));
      }
    }
    for (JsonNode f : findings) {
      if (f.get("kind").asText().equals("correlation") && f.get("rule_id").asText().equals(correlationIdIn(watchlist, f))) {
        ingested.put(f.get("finding_id").asText(), eventIdsOf(f));
      }
    }
    assertThat(hunted).isNotEmpty().isEqualTo(ingested);
    assertThat(Cli.run("hunt", "--data", data, watchlist.toString()).out()).containsPattern("\\d+ correlation findings? of \\d+ correlations?:");
  }

  @Test
  void huntLeavesAbsentFieldsEmpty() throws IOException {
    Path own = tmp.resolve("sparse");
    java.nio.file.Files.createDirectories(own);
    java.nio.file.Files.writeString(own.resolve("sparse.json"), "{\"eventVersion\":\"1.08\",\"eventID\":\"sparse-1\"}\n");
    String ownData = tmp.resolve("sparse-data").toString();
    assertThat(Cli.run("ingest", "--data", ownData, own.toString()).exit()).isZero();
    Cli r = Cli.run("hunt", "--data", ownData, huntRule("sparse hunt", "{eventID: sparse-1}").toString());
    assertThat(r.out()).as(r.out()).contains("sparse-1").doesNotContain("null");
  }

  /** The finding's rule id when the correlation is defined in {@code file}, else the empty string. */
  private static String correlationIdIn(Path file, JsonNode finding) throws IOException {
    return java.nio.file.Files.readString(file).contains("id: " + finding.get("rule_id").asText()) ? finding.get("rule_id").asText() : "";
  }

  /** A one-selection Sigma rule file. */
  private static Path huntRule(String title, String selection) throws IOException {
    Path rule = tmp.resolve(title.replace(' ', '-') + ".yml");
    java.nio.file.Files.writeString(rule, String.join("\n", "title: " + title, "id: " + java.util.UUID.nameUUIDFromBytes(title.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "logsource: {product: aws, service: cloudtrail}", "detection:", "  sel: " + selection, "  condition: sel", "level: high", ""));
    return rule;
  }

  private static long count(String sql) {
    return Long.parseLong(Cli.run("query", "--data", data, "--csv", sql).out().lines().skip(1).findFirst().orElseThrow());
  }
}
