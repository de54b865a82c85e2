// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every API route on a real server (port 0), with the bad input it must refuse. */
class DashboardApiTest {
  @TempDir static Path tmp;
  static Path data;
  static DashboardServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    data = TestStore.create(tmp);
    server = DashboardServer.start(new ServerConfig(data, "127.0.0.1", 0, null));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Answer(int status, JsonNode body, String contentType) {}

  static Answer get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build());
  }

  static Answer post(String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  static Answer send(HttpRequest r) throws Exception {
    HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    return new Answer(resp.statusCode(), JSON.readTree(resp.body()), resp.headers().firstValue("Content-Type").orElse(""));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void operationsPanelsAnswerAndAgreeWithTheStore() throws Exception {
    Answer a = get("/api/operations?range=7d");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("application/json");
    for (String panel : new String[] {"actions_last_60m", "services_over_time", "by_region", "top_event_names", "top_actors", "errors_over_time"}) {
      assertThat(a.body().get(panel)).as(panel).isNotEmpty();
    }
    long regions = 0;
    for (JsonNode r : a.body().get("by_region")) {
      regions += r.get("n").asLong();
    }
    assertThat(regions).isEqualTo(a.body().get("events").asLong()).isGreaterThan(20_000);
    assertThat(get("/api/operations?range=7d&account=222222222222").body().get("events").asLong()).isLessThan(regions);
  }

  @Test
  void panelNumbersMatchSqlOverTheSameStore() throws Exception {
    JsonNode top = get("/api/operations?range=7d").body().get("top_event_names");
    JsonNode sql = post("/api/sql", "{\"sql\":\"SELECT event_name AS name, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, name LIMIT 15\"}").body().get("rows");
    assertThat(top).isEqualTo(sql);
    JsonNode root = get("/api/security?range=7d").body().get("root_activity");
    JsonNode rootSql = post("/api/sql", "{\"sql\":\"SELECT count(*) AS n FROM events WHERE identity_type = 'Root' AND identity_invoked_by IS NULL AND coalesce(event_type, '') <> 'AwsServiceEvent'\"}").body();
    assertThat((long) root.size()).isEqualTo(rootSql.get("rows").get(0).get("n").asLong());
  }

  @Test
  void securityPanelsShowThePlantedIncidents() throws Exception {
    JsonNode s = get("/api/security?range=7d").body();
    assertThat(s.get("findings").toString()).contains("CloudTrail logging stopped or trail deleted");
    assertThat(s.get("cis_controls")).hasSize(15);
    assertThat(s.get("root_activity")).isNotEmpty();
    assertThat(s.get("console_without_mfa")).isNotEmpty();
    assertThat(s.get("exposure_changes").toString()).contains("0.0.0.0/0");
    assertThat(s.get("unauthorized_by_principal")).isNotEmpty();
    assertThat(s.get("creations_deletions")).isNotEmpty();
  }

  @Test
  void exploreFiltersPagesAndSearches() throws Exception {
    JsonNode e = get("/api/events?range=7d&f.event_name=ConsoleLogin&limit=5").body();
    assertThat(e.get("events")).hasSizeLessThanOrEqualTo(5).allMatch(x -> x.get("event_name").asText().equals("ConsoleLogin"));
    assertThat(e.get("total").asLong()).isPositive();
    JsonNode text = get("/api/events?range=7d&q=" + enc("mallory")).body();
    assertThat(text.get("total").asLong()).isPositive();
    assertThat(get("/api/events?range=7d&q=" + enc("MALLORY")).body().get("total")).as("any case").isEqualTo(text.get("total"));
    for (String literal : List.of("_", "%", "\\")) { // found as written, never as a wildcard
      String any = String.join(" OR ", DashboardQueries.SEARCHED.stream().map(c -> "strpos(" + c + ", " + "'" + literal + "') > 0").toList());
      long expected = post("/api/sql", JSON.createObjectNode().put("sql", "SELECT count(*) AS n FROM events WHERE " + any).toString()).body().get("rows").get(0).get("n").asLong();
      assertThat(get("/api/events?range=7d&q=" + enc(literal)).body().get("total").asLong()).as(literal).isEqualTo(expected);
    }
    JsonNode second = get("/api/events?range=7d&limit=5&offset=5").body();
    assertThat(second.get("events").get(0).get("event_key").asText()).isNotEqualTo(get("/api/events?range=7d&limit=5").body().get("events").get(0).get("event_key").asText());
  }

  @Test
  void oneEventWithItsOriginalRecordAndRelatedEvents() throws Exception {
    Answer a = get("/api/event?account=111111111111&key=xss-1");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().get("event").get("user_agent").asText()).isEqualTo(TestStore.XSS_AGENT);
    assertThat(a.body().get("raw").asText()).startsWith("{\"eventVersion\":\"1.08\",\"eventID\":\"xss-1\"");
    assertThat(a.body().get("related")).isNotNull();
    assertThat(get("/api/event?account=111111111111&key=nope").status()).isEqualTo(404);
  }

  @Test
  void sourcesShowTheLedgerAndProblems() throws Exception {
    JsonNode s = get("/api/sources").body();
    assertThat(s.get("files")).isNotEmpty();
    assertThat(s.get("last_delivery")).isNotEmpty();
    assertThat(s.get("totals").get("events").asLong()).isGreaterThan(20_000);
  }

  @Test
  void acknowledgingAFindingSticks() throws Exception {
    JsonNode first = get("/api/security?range=7d").body().get("findings").get(0);
    String id = first.get("finding_id").asText();
    assertThat(post("/api/findings/" + id + "/ack", "").status()).isEqualTo(200);
    JsonNode after = get("/api/security?range=7d").body().get("findings");
    boolean acknowledged = false;
    for (JsonNode f : after) {
      acknowledged |= f.get("finding_id").asText().equals(id) && f.get("status").asText().equals("acknowledged");
    }
    assertThat(acknowledged).isTrue();
    assertBad(post("/api/findings/000000000000/ack", ""), 404, "no finding 000000000000");
  }

  @Test
  void statsAndFindingsAnswerAsTheCommandLinePrintsThem() throws Exception {
    JsonNode stats = get("/api/stats").body();
    assertThat(stats.get("events").asLong()).isEqualTo(get("/api/events?range=7d").body().get("total").asLong());
    assertThat(StoreJson.stats(StoreJson.stats(stats)).toString()).as("the same shape both ways").isEqualTo(stats.toString());
    long byDay = 0;
    for (JsonNode n : stats.get("by_day")) {
      byDay += n.asLong();
    }
    assertThat(byDay).isEqualTo(stats.get("events").asLong());

    JsonNode all = get("/api/findings?limit=100000").body();
    long matching = all.get("matching").asLong();
    assertThat(all.get("findings")).hasSize((int) matching);
    JsonNode two = get("/api/findings?limit=2&level=high").body();
    assertThat(two.get("findings")).hasSize(2).allMatch(f -> List.of("high", "critical").contains(f.get("level").asText()));
    assertThat(two.get("matching").asLong()).isLessThan(matching).isGreaterThan(2);
    JsonNode first = two.get("findings").get(0);
    assertThat(StoreJson.finding(StoreJson.finding(first)).toString()).isEqualTo(first.toString());
    assertThat(get("/api/findings?since=2099-01-01T00:00:00Z").body().get("matching").asLong()).isZero();
    assertBad(get("/api/findings?level=severe"), 400, "level");
    assertBad(get("/api/findings?since=yesterday"), 400, "ISO-8601");
    assertBad(get("/api/findings?limit=0"), 400, "limit");
  }

  @Test
  void theServerAnnouncesItselfBesideTheStoreWhileItRuns() throws Exception {
    dev.trailwatch.store.duckdb.StoreServer announced = dev.trailwatch.store.duckdb.StoreServer.read(data).orElseThrow();
    assertThat(announced.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
    assertThat(announced.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(announced.tokenRequired()).isFalse();
    assertThat(java.nio.file.Files.readString(data.resolve("server.properties"))).doesNotContain("token=");
  }

  @Test
  void readOnlySqlAnswersRowsWithACap() throws Exception {
    Answer a = post("/api/sql", "{\"sql\":\"SELECT event_name, count(*) n FROM events GROUP BY 1 ORDER BY n DESC LIMIT 3\"}");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().get("rows")).hasSize(3);
    assertThat(a.body().get("columns")).extracting(JsonNode::asText).containsExactly("event_name", "n");
    Answer many = post("/api/sql", "{\"sql\":\"SELECT * FROM range(5000)\"}");
    assertThat(many.body().get("rows")).hasSize(DashboardServer.MAX_SQL_ROWS);
    assertThat(many.body().get("truncated").asBoolean()).isTrue();
    JsonNode typed = post("/api/sql", "{\"sql\":\"SELECT [1, 2] AS l, {'a': 1.5} AS s, 1.25::DECIMAL(5, 2) AS d, '{\\\"k\\\": true}'::JSON AS j\"}").body().get("rows").get(0);
    assertThat(typed.get("l").isArray()).as(typed.toString()).isTrue();
    assertThat(typed.at("/s/a").asDouble()).isEqualTo(1.5);
    assertThat(typed.get("d").decimalValue()).isEqualByComparingTo("1.25");
    assertThat(typed.at("/j/k").asBoolean()).isTrue();
  }

  @Test
  void sqlThatWouldWriteIsRefusedBeforeAnyOfItRuns() throws Exception {
    long events = count();
    // DuckDB's driver runs every statement of a text but the last while preparing it: the first two emptied the store
    for (String sql : List.of("DELETE FROM events; SELECT 1", "EXPLAIN ANALYZE DELETE FROM events", "CREATE TABLE x AS SELECT 1; SELECT 1",
        "PRAGMA database_size", "DELETE FROM events; SELEKT 1")) {
      Answer a = post("/api/sql", JSON.createObjectNode().put("sql", sql).toString());
      assertThat(a.status()).as(sql + ": " + a.body()).isEqualTo(400);
    }
    assertThat(post("/api/sql", "{\"sql\":\"SELECT 1; SELECT 2\"}").body().get("detail").asText()).contains("one statement at a time");
    assertThat(post("/api/sql", "{\"sql\":\"SELEKT 1\"}").body().get("detail").asText()).as("a syntax error is DuckDB's own").isEqualTo("syntax error at or near \"SELEKT\" (at column 1)");
    assertThat(count()).isEqualTo(events).isGreaterThan(20_000);
    assertThat(post("/api/sql", "{\"sql\":\"SELECT count(*) AS n FROM x\"}").status()).as("no table was made").isEqualTo(400);
  }

  @Test
  void aPageOfAnotherSiteCannotSendWrites() throws Exception {
    String sql = "{\"sql\":\"SELECT 1 AS one\"}";
    Answer foreign = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/sql")).header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString(sql)).build());
    assertBad(foreign, 403, "another site");
    assertBad(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/findings/abc/ack")).header("Origin", "null")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 403, "another site");
    Answer own = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/sql")).header("Origin", "http://127.0.0.1:" + server.port())
        .POST(HttpRequest.BodyPublishers.ofString(sql)).build());
    assertThat(own.status()).as("the dashboard's own page").isEqualTo(200);
  }

  @Test
  void withoutATokenOnlyLoopbackNamesAreAnswered() throws Exception {
    // a page on evil.example whose name is made to resolve to 127.0.0.1 (DNS rebinding) sends its own name as Host
    assertThat(rawGet("/api/status", "evil.example:" + server.port())).startsWith("HTTP/1.1 403").contains("127.0.0.1 and localhost only");
    assertThat(rawGet("/", "evil.example:" + server.port())).startsWith("HTTP/1.1 403");
    assertThat(rawGet("/api/status", "localhost:" + server.port())).startsWith("HTTP/1.1 200");
    assertThat(rawGet("/api/status", "127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200");
  }

  /** A GET with the Host header given (HttpClient will not send one of its own choosing). */
  private static String rawGet(String path, String host) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static long count() throws Exception {
    return post("/api/sql", "{\"sql\":\"SELECT count(*) AS n FROM events\"}").body().get("rows").get(0).get("n").asLong();
  }

  @Test
  void badInputIsA4xxWithAClearMessage() throws Exception {
    assertBad(get("/api/operations?range=forever"), 400, "range");
    assertBad(get("/api/events?range=0d"), 400, "at least 1");
    assertBad(get("/api/operations?from=yesterday"), 400, "ISO-8601");
    assertBad(get("/api/operations?from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z"), 400, "before");
    assertBad(get("/api/events?f.password=x"), 400, "unknown field 'password'");
    assertBad(get("/api/events?limit=100000"), 400, "limit");
    assertBad(get("/api/events?limit=ten"), 400, "whole number");
    assertBad(get("/api/operations?account=" + enc("1' OR '1'='1")), 400, "account");
    assertBad(post("/api/sql", "{\"sql\":\"DELETE FROM events\"}"), 400, "read-only");
    assertBad(post("/api/sql", "{\"sql\":\"CREATE TABLE x AS SELECT 1\"}"), 400, "read-only");
    assertBad(post("/api/sql", "{\"sql\":\"SELECT * FROM read_csv('/etc/passwd')\"}"), 400, "");
    assertBad(post("/api/sql", "not json"), 400, "JSON");
    assertBad(post("/api/sql", "{\"sql\":\"SELEKT\"}"), 400, "");
    assertBad(post("/api/sql", "{\"sql\":\"SELECT count(*) FROM evnts\"}"), 400, "Did you mean \"events\"? (at column 22)");
    assertBad(get("/api/nowhere"), 404, "no API route");
    assertThat(get("/api/events?range=7d").body().get("total").asLong()).isGreaterThan(20_000); // the store is intact
  }

  @Test
  void aQueryThatRunsTooLongIsStopped() throws Exception {
    Answer a = post("/api/sql", "{\"sql\":\"SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range * b.range = 7\"}");
    assertBad(a, 408, "longer than");
  }

  @Test
  void exposingTheServerNeedsAToken() {
    assertThatThrownBy(() -> new ServerConfig(data, "0.0.0.0", 0, null)).hasMessageContaining("--token");
    assertThatThrownBy(() -> new ServerConfig(data, "0.0.0.0", 0, "short")).hasMessageContaining("12 characters");
  }

  @Test
  void withATokenEveryApiRouteRefusesRequestsWithoutIt() throws Exception {
    server.close();
    String token = "s3cret-token-123456";
    server = DashboardServer.start(new ServerConfig(data, "127.0.0.1", 0, token));
    try {
      for (String path : new String[] {"/api/health", "/api/operations", "/api/security", "/api/events", "/api/event?key=x", "/api/sources"}) {
        assertBad(get(path), 401, "token");
      }
      assertBad(post("/api/sql", "{\"sql\":\"SELECT 1\"}"), 401, "token");
      assertBad(post("/api/findings/x/ack", ""), 401, "token");
      HttpRequest withBearer = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/health")).header("Authorization", "Bearer " + token).build();
      assertThat(send(withBearer).status()).isEqualTo(200);
      HttpRequest withCookie = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/health")).header("Cookie", "trailwatch_token=" + token).build();
      assertThat(send(withCookie).status()).isEqualTo(200);
      assertThat(dev.trailwatch.store.duckdb.StoreServer.read(data).orElseThrow().tokenRequired()).isTrue();
      assertThat(java.nio.file.Files.readString(data.resolve("server.properties"))).doesNotContain(token);
    } finally {
      server.close();
      server = DashboardServer.start(new ServerConfig(data, "127.0.0.1", 0, null));
    }
  }

  private static void assertBad(Answer a, int status, String detail) {
    assertThat(a.status()).as(a.body().toString()).isEqualTo(status);
    assertThat(a.body().get("error").asText()).isNotBlank();
    assertThat(a.body().get("detail").asText()).contains(detail).doesNotContain("\tat ");
  }
}
