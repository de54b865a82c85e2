// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.store.duckdb.StoreServer;
import dev.trailwatch.testkit.Await;
import dev.trailwatch.testkit.SharedSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While `trailwatch serve` holds the store (another process), the reading commands ask it over its API. */
class ServedStoreIT {
  @TempDir Path tmp;

  @Test
  void queryStatsAndFindingsGoThroughTheRunningServerAndIngestNamesIt() throws Exception {
    Path data = tmp.resolve("data");
    String samples = SharedSamples.dir().toString();
    Cli.run("ingest", "--data", data.toString(), samples);
    String events = Cli.run("query", "--data", data.toString(), "--csv", "SELECT count(*) AS n FROM events").out();
    Process serve = Jar.builder(List.of(), "serve", "--data", data.toString(), "--port", "0").redirectErrorStream(true)
        .redirectOutput(tmp.resolve("serve.log").toFile()).start();
    String acknowledged;
    try {
      Await.until(Duration.ofSeconds(60), "the server announces itself", () -> StoreServer.read(data).isPresent(), () -> "not yet");

      Cli query = Cli.run("query", "--data", data.toString(), "--csv", "SELECT count(*) AS n FROM events");
      assertThat(query.exit()).as(query.err()).isZero();
      assertThat(query.out()).isEqualTo(events);
      assertThat(query.err()).contains("the store is held by trailwatch serve (pid " + serve.pid() + "): asking it at http://127.0.0.1:");

      Cli typed = Cli.run("query", "--data", data.toString(), "--json", "SELECT * FROM (VALUES (NULL, NULL), (2, true)) t(n, b)");
      assertThat(typed.out().lines()).containsExactly("{\"n\":null,\"b\":null}", "{\"n\":2,\"b\":true}");
      Cli many = Cli.run("query", "--data", data.toString(), "--csv", "SELECT * FROM range(5000)");
      assertThat(many.out().lines()).hasSize(1 + 1_000);
      assertThat(many.err()).contains("only the first 1,000 rows were printed (the most the server answers");

      JsonNode stats = new ObjectMapper().readTree(Cli.run("stats", "--data", data.toString(), "--json").out());
      assertThat(stats.get("events").asText()).isEqualTo(events.lines().skip(1).findFirst().orElseThrow());

      Cli findings = Cli.run("findings", "--data", data.toString(), "--json", "--limit", "1");
      assertThat(findings.exit()).as(findings.err()).isZero();
      acknowledged = new ObjectMapper().readTree(findings.out()).get("finding_id").asText();
      Cli ack = Cli.run("findings", "ack", "--data", data.toString(), acknowledged, "--note", "seen");
      assertThat(ack.exit()).as(ack.err()).isZero();
      assertThat(Cli.run("findings", "ack", "--data", data.toString(), "000000000000").err()).contains("no finding 000000000000");

      Cli ingest = Cli.run("ingest", "--data", data.toString(), samples);
      assertThat(ingest.exit()).isEqualTo(ExitStatus.FAILURE.code());
      assertThat(ingest.err()).contains("is held by trailwatch serve at http://127.0.0.1:").contains("(pid " + serve.pid() + ")")
          .contains("serve --watch SOURCE");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(data.resolve("server.properties")).as("removed when the server stops").doesNotExist();
    Cli after = Cli.run("findings", "--data", data.toString(), "--json", "--status", "acknowledged");
    assertThat(after.err()).doesNotContain("held by");
    assertThat(after.out()).contains(acknowledged);
  }

  @Test
  void aServerWithATokenIsAskedWithTheOneInTheEnvironment() throws Exception {
    Path data = tmp.resolve("data");
    Cli.run("ingest", "--data", data.toString(), SharedSamples.file("otel/cloudtrail_log.json").toString());
    String token = "a-token-for-this-test-42";
    Process serve = Jar.builder(List.of(), "serve", "--data", data.toString(), "--port", "0", "--token", token).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("serve.log").toFile()).start();
    try {
      Await.until(Duration.ofSeconds(60), "the server announces itself", () -> StoreServer.read(data).isPresent(), () -> "not yet");
      assertThat(query(data, null).err()).contains("which needs its token: set TRAILWATCH_TOKEN");
      assertThat(query(data, "not-the-token-1234").err()).contains("refused the token in TRAILWATCH_TOKEN");
      Cli right = query(data, token);
      assertThat(right.exit()).as(right.err()).isZero();
      assertThat(right.out()).isEqualTo("n\n7\n");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aBlobLargerThanTheServersHeapFailsThatQueryAndTheServerGoesOn() throws Exception {
    Path data = tmp.resolve("data");
    Cli.run("ingest", "--data", data.toString(), SharedSamples.file("otel/cloudtrail_log.json").toString());
    Process serve = Jar.builder(List.of("-Xmx96m"), "serve", "--data", data.toString(), "--port", "0").redirectErrorStream(true)
        .redirectOutput(tmp.resolve("serve.log").toFile()).start();
    try {
      Await.until(Duration.ofSeconds(60), "the server announces itself", () -> StoreServer.read(data).isPresent(), () -> "not yet");
      // DuckDB's driver crashed the server's JVM here (SIGSEGV): one API call ended the dashboard for everyone
      Cli big = Cli.run("query", "--data", data.toString(), "SELECT [repeat('x', 150000000)::BLOB] AS l");
      assertThat(big.exit()).isEqualTo(ExitStatus.FAILURE.code());
      assertThat(big.err()).contains("Java heap space");
      assertThat(serve.isAlive()).as("the server after the query").isTrue();
      Cli after = Cli.run("query", "--data", data.toString(), "--csv", "SELECT count(*) AS n, 'a'::BLOB AS b FROM events");
      assertThat(after.out()).as(after.err()).isEqualTo("n,b\n7,a\n");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** {@code query} as a child process, with {@code token} (or none) in its environment. */
  private static Cli query(Path data, String token) throws Exception {
    ProcessBuilder b = Jar.builder(List.of(), "query", "--data", data.toString(), "--csv", "SELECT count(*) AS n FROM events");
    b.environment().remove(ServedStore.TOKEN_VARIABLE);
    if (token != null) {
      b.environment().put(ServedStore.TOKEN_VARIABLE, token);
    }
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return new Cli(p.waitFor(), out, err);
  }
}
