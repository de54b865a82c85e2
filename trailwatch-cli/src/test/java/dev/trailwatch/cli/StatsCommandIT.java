// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.testkit.SharedSamples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandIT {
  @TempDir Path tmp;

  @Test
  void showsEventsByAccountRegionServiceAndDay() throws Exception {
    String data = tmp.resolve("data").toString();
    Cli.run("ingest", "--data", data, SharedSamples.file("otel/cloudtrail_log.json").toString());

    JsonNode s = new ObjectMapper().readTree(Cli.run("stats", "--data", data, "--json").out());
    assertThat(s.get("events").asInt()).isEqualTo(7);
    assertThat(s.get("by_account").size()).isPositive();
    assertThat(s.get("by_region").size()).isPositive();
    assertThat(s.get("by_service").size()).isPositive();
    assertThat(s.get("first_event").asText()).endsWith("Z");
    long sum = 0;
    for (JsonNode n : s.get("by_day")) {
      sum += n.asLong();
    }
    assertThat(sum).isEqualTo(7);

    Cli text = Cli.run("stats", "--data", data);
    assertThat(text.out()).contains("events: 7").contains("region").contains("service").contains("first event:");
  }

  @Test
  void anEmptyStoreSaysSoInsteadOfEmptyTables() throws Exception {
    String data = tmp.resolve("data").toString();
    Cli ingest = Cli.run("ingest", "--data", data, java.nio.file.Files.createDirectories(tmp.resolve("empty")).toString());
    assertThat(ingest.out()).contains("nothing to read: no files under the sources given");

    Cli r = Cli.run("stats", "--data", data);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("events: 0").contains("no events stored yet").doesNotContain("region");
  }

  @Test
  void aStoreThatDoesNotExistIsAClearError() {
    Cli r = Cli.run("stats", "--data", tmp.resolve("none").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("no store at").contains("trailwatch ingest");
  }
}
