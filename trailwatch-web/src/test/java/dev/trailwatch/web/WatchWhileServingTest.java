// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleSources;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.Watch;
import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import dev.trailwatch.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --watch: files landing in a folder are ingested and detected while the server answers. */
class WatchWhileServingTest {
  @TempDir Path tmp;

  @Test
  void newFilesAreIngestedAndFoundWhileServing() throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    List<String> said = new CopyOnWriteArrayList<>();
    try (DashboardServer server = DashboardServer.start(new ServerConfig(tmp.resolve("data"), "127.0.0.1", 0, null))) {
      Watch watcher = new Watch(() -> DuckDbEventStore.sharing(server.database(), tmp.resolve("data")), List.of(new LocalDirectorySource(logs)),
          List.of(), new RuleEngine(RuleSources.builtin(new SigmaParser())), IngestOptions.defaults(), Duration.ofMillis(200), said::add).start();
      assertThat(status(server).get("events").asLong()).isZero();
      Files.writeString(logs.resolve("new.json"), "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventID\":\"w1\",\"eventTime\":\"2026-11-02T10:00:00Z\","
          + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"recipientAccountId\":\"111122223333\","
          + "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"eve\"}}]}");
      Await.until(Duration.ofSeconds(20), "the new file served", () -> status(server).get("events").asLong() > 0, () -> "the watch said " + said);
      assertThat(status(server).get("events").asLong()).isEqualTo(1);
      HttpResponse<String> findings = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/api/security?range=7d")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(findings.body()).contains("CloudTrail logging stopped or trail deleted");
      assertThat(said).anyMatch(l -> l.contains("1 new event,"));
      watcher.close();
    }
  }

  private static JsonNode status(DashboardServer server) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/status")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }
}
