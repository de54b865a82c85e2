// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.testkit.SharedSamples;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandIT {
  @TempDir static Path tmp;
  static String data;

  @BeforeAll
  static void ingest() {
    data = tmp.resolve("data").toString();
    Cli.run("ingest", "--data", data, SharedSamples.file("otel/cloudtrail_log.json").toString());
  }

  @Test
  void printsATable() {
    Cli r = Cli.run("query", "--data", data, "SELECT event_name, actor FROM events WHERE event_name = 'CreateUser' ORDER BY 1");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("event_name").contains("actor");
    assertThat(r.out()).contains("CreateUser").contains("row");
  }

  @Test
  void printsCsvAndJsonLines() throws Exception {
    Cli csv = Cli.run("query", "--data", data, "--csv", "SELECT 'a,b' AS x, 2 AS n, NULL AS z");
    assertThat(csv.out().lines().toList()).containsExactly("x,n,z", "\"a,b\",2,");
    Cli json = Cli.run("query", "--data", data, "--json", "SELECT count(*) AS n, true AS t FROM events");
    JsonNode row = new ObjectMapper().readTree(json.out());
    assertThat(row.get("n").asInt()).isEqualTo(7);
    assertThat(row.get("t").asBoolean()).isTrue();
  }

  @Test
  void timesAreUtcInstants() throws Exception {
    Cli json = Cli.run("query", "--data", data, "--json", "SELECT TIMESTAMP '2026-11-02 10:00:00.25' AS t, min(event_time) AS first FROM events");
    JsonNode row = new ObjectMapper().readTree(json.out());
    assertThat(row.get("t").asText()).isEqualTo("2026-11-02T10:00:00.250Z");
    assertThat(java.time.Instant.parse(row.get("first").asText())).isNotNull();
    Cli csv = Cli.run("query", "--data", data, "--csv", "SELECT TIMESTAMP '2026-11-02 10:00:00' AS t");
    assertThat(csv.out().lines().toList()).containsExactly("t", "2026-11-02T10:00:00Z");
  }

  @Test
  void nestedDocumentsAreQueryableAsJson() {
    Cli r = Cli.run("query", "--data", data, "--csv",
        "SELECT count(*) FROM events WHERE json_extract_string(request_parameters, '$.userName') IS NOT NULL");
    assertThat(r.out().lines().skip(1).findFirst().orElseThrow()).isNotEqualTo("0");
  }

  @Test
  void runningOutOfHeapIsOneLineSayingHowToGiveJavaMore() throws Exception {
    // a table holds its rows to align them: 20M rows do not fit in 32 MB
    Cli r = Jar.run(120, java.util.List.of("-Xmx32m"), "query", "--data", data, "--max-rows", "20000000", "SELECT range FROM range(20000000)");
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.FAILURE.code());
    assertThat(r.err().lines()).as(r.err()).containsExactly(r.err().lines().findFirst().orElseThrow());
    // the JVM's own words may go on ("Java heap space: failed reallocation of scalar replaced objects")
    assertThat(r.err()).startsWith("trailwatch: error: out of memory (Java heap space").contains(" MB of heap): give Java more").contains("-Xmx8g");
  }

  @Test
  void aBlobLargerThanTheHeapIsTheOutOfMemoryLineNotACrashOfTheJvm() throws Exception {
    // DuckDB's driver crashed the JVM here (SIGSEGV, exit 134, an hs_err file) for a BLOB, also inside a list
    for (String sql : java.util.List.of("SELECT repeat('x', 100000000)::BLOB AS big", "SELECT 1 AS n, [repeat('x', 100000000)::BLOB] AS l;")) {
      Cli r = Jar.run(120, java.util.List.of("-Xmx64m"), "query", "--data", data, sql);
      assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.FAILURE.code());
      assertThat(r.err()).startsWith("trailwatch: error: out of memory (Java heap space").contains("give Java more");
    }
  }

  @Test
  void refusesToWriteInOneLine() {
    Cli r = Cli.run("query", "--data", data, "DROP TABLE events");
    assertThat(r.exit()).isEqualTo(ExitStatus.FAILURE.code());
    assertThat(r.err().strip()).contains("read-only").doesNotContain("\n");
    assertThat(Cli.run("query", "--data", data, "--csv", "SELECT count(*) FROM events").out()).contains("7");
  }

  @Test
  void oneStatementAtATime() {
    Cli r = Cli.run("query", "--data", data, "SELECT 1; SELECT 2");
    assertThat(r.exit()).isEqualTo(ExitStatus.FAILURE.code());
    assertThat(r.err()).contains("one statement at a time: this text holds 2");
    assertThat(Cli.run("query", "--data", data, "--csv", "SELECT ';' AS s").out()).contains(";");
    assertThat(Cli.run("query", "--data", data, "--csv", "DESCRIBE events").exit()).isZero();
  }

  @Test
  void jsonNestsListsStructsAndJsonValues() throws Exception {
    Cli r = Cli.run("query", "--data", data, "--json",
        "SELECT request_parameters::JSON AS rp, [event_name] AS names, {'t': event_time} AS s FROM events WHERE request_parameters LIKE '%userName%' LIMIT 1");
    assertThat(r.exit()).isZero();
    com.fasterxml.jackson.databind.JsonNode row = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(row.at("/rp/userName").isTextual()).as(r.out()).isTrue();
    assertThat(row.at("/names/0").isTextual()).as(r.out()).isTrue();
    assertThat(row.at("/s/t").asText()).as(r.out()).endsWith("Z");
  }

  @Test
  void badSqlIsOneLine() {
    Cli r = Cli.run("query", "--data", data, "SELEKT 1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("trailwatch: error: query failed").doesNotContain("\n");
    Cli typo = Cli.run("query", "--data", data, "SELECT count(*) FROM evnts");
    assertThat(typo.err().strip()).doesNotContain("\n").contains("Did you mean \"events\"?").endsWith("(at column 22)");
  }

  @Test
  void capsTheRowsPrinted() {
    Cli r = Cli.run("query", "--data", data, "--csv", "--max-rows", "3", "SELECT * FROM range(10)");
    assertThat(r.out().lines()).hasSize(4);
    assertThat(r.err()).contains("only the first 3 rows were printed (--max-rows)");
  }
}
