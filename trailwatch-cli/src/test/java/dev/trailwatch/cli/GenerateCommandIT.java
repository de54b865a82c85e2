// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandIT {
  @TempDir static Path tmp;
  static Path corpus;
  static String data;
  static JsonNode claims;
  static JsonNode stats;

  @BeforeAll
  static void generateAndIngest() throws IOException {
    corpus = tmp.resolve("corpus");
    Cli g = Cli.run("generate", "--out", corpus.toString(), "--events", "60000", "--days", "2", "--start", "2026-11-02", "--seed", "7", "--incidents");
    assertThat(g.exit()).as(g.err()).isZero();
    data = tmp.resolve("data").toString();
    String said = g.out().lines().filter(l -> l.startsWith("ingest it: trailwatch ingest ")).findFirst().orElseThrow();
    assertThat(said).endsWith(corpus.resolve("AWSLogs").toString()); // what to ingest: not corpus.json, incidents.json
    Cli i = Cli.run("ingest", "--data", data, "--json", said.substring("ingest it: trailwatch ingest ".length()));
    assertThat(i.exit()).as(i.err() + i.out()).isZero();
    assertThat(new ObjectMapper().readTree(i.out()).get("problems").asInt()).isZero();
    claims = new ObjectMapper().readTree(corpus.resolve("corpus.json").toFile());
    stats = new ObjectMapper().readTree(Cli.run("stats", "--data", data, "--json").out());
  }

  @Test
  void statsOfTheIngestedCorpusMatchWhatTheGeneratorClaims() {
    assertThat(stats.get("events").asLong()).isEqualTo(claims.get("events").asLong());
    assertThat(stats.get("errors").asLong()).isEqualTo(claims.get("errors").asLong());
    assertThat(stats.get("by_account")).isEqualTo(claims.get("by_account"));
    assertThat(stats.get("by_region")).isEqualTo(claims.get("by_region"));
    assertThat(stats.get("by_service")).isEqualTo(claims.get("by_service"));
    assertThat(stats.get("by_identity_type")).isEqualTo(claims.get("by_identity_type"));
    assertThat(stats.get("first_event").asText()).isEqualTo(claims.get("first_event").asText());
    assertThat(stats.get("last_event").asText()).isEqualTo(claims.get("last_event").asText());
  }

  @Test
  void theCorpusLooksLikeARealOrganisation() {
    assertThat(claims.get("by_account").size()).isEqualTo(4);
    assertThat(claims.get("by_region").size()).isGreaterThanOrEqualTo(4);
    assertThat(claims.get("by_service").size()).isGreaterThanOrEqualTo(40);
    assertThat(count("SELECT count(DISTINCT event_name) FROM events")).isGreaterThanOrEqualTo(200);
    assertThat(claims.get("by_identity_type").fieldNames()).toIterable()
        .contains("Root", "IAMUser", "AssumedRole", "FederatedUser", "AWSService", "AWSAccount", "IdentityCenterUser");
    double errorRate = claims.get("errors").asDouble() / claims.get("events").asDouble();
    assertThat(errorRate).isBetween(0.02, 0.045);
    // the busiest region carries most traffic; working hours are busier than nights
    assertThat(claims.get("by_region").get("us-east-1").asLong()).isGreaterThan(claims.get("by_region").get("eu-west-1").asLong());
    assertThat(count("SELECT count(*) FROM events WHERE hour(event_time) BETWEEN 9 AND 16"))
        .isGreaterThan(3 * count("SELECT count(*) FROM events WHERE hour(event_time) BETWEEN 0 AND 4") / 2);
    // benign look-alikes are there: internal-only security group rules, console logins with MFA, service-invoked root
    assertThat(count("SELECT count(*) FROM events WHERE event_name = 'AuthorizeSecurityGroupIngress' AND request_parameters LIKE '%10.0.0.0/8%'")).isPositive();
    assertThat(count("SELECT count(*) FROM events WHERE event_name = 'ConsoleLogin' AND mfa_used")).isPositive();
    assertThat(count("SELECT count(*) FROM events WHERE identity_type = 'Root' AND identity_invoked_by IS NOT NULL")).isPositive();
    assertThat(count("SELECT count(*) FROM events WHERE event_category = 'Data'")).isPositive();
  }

  @Test
  void everyPlantedIncidentIsInTheStoreWithAllItsEvents() throws IOException {
    JsonNode incidents = new ObjectMapper().readTree(corpus.resolve("incidents.json").toFile());
    assertThat(incidents.size()).isGreaterThanOrEqualTo(12);
    for (JsonNode incident : incidents) {
      for (JsonNode id : incident.get("event_ids")) {
        assertThat(count("SELECT count(*) FROM events WHERE event_key = '" + id.asText().replace("'", "") + "'"))
            .as(incident.get("id").asText()).isEqualTo(1);
      }
    }
    assertThat(count("SELECT count(*) FROM events WHERE event_name = 'ConsoleLogin' AND mfa_used = false AND error_message IS NULL")).isEqualTo(1);
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
    Path again = tmp.resolve("again");
    Path other = tmp.resolve("other");
    Cli.run("generate", "--out", again.toString(), "--events", "60000", "--days", "2", "--start", "2026-11-02", "--seed", "7", "--incidents");
    Cli.run("generate", "--out", other.toString(), "--events", "60000", "--days", "2", "--start", "2026-11-02", "--seed", "8", "--incidents");

    assertThat(digests(again)).isEqualTo(digests(corpus));
    assertThat(digests(other)).isNotEqualTo(digests(corpus));
  }

  @Test
  void filesFollowCloudTrailsS3Layout() throws IOException {
    try (Stream<Path> files = Files.walk(corpus.resolve("AWSLogs"))) {
      assertThat(files.filter(Files::isRegularFile).map(p -> corpus.relativize(p).toString()))
          .isNotEmpty()
          .allMatch(p -> p.matches("AWSLogs/\\d{12}/CloudTrail/[a-z0-9-]+/\\d{4}/\\d{2}/\\d{2}/\\d{12}_CloudTrail_[a-z0-9-]+_\\d{8}T\\d{4}Z_[A-Z0-9]{16}\\.json\\.gz"));
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(Cli.run("generate", "--out", tmp.resolve("x").toString(), "--accounts", "123").exit()).isEqualTo(2);
    Cli r = Cli.run("generate", "--out", tmp.resolve("x").toString(), "--start", "yesterday");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--start");
  }

  private static long count(String sql) {
    Cli r = Cli.run("query", "--data", data, "--csv", sql);
    assertThat(r.exit()).as(r.err()).isZero();
    return Long.parseLong(r.out().lines().skip(1).findFirst().orElseThrow());
  }

  private static Map<String, String> digests(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
