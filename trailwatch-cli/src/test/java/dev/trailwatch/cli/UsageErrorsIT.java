// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistakes on the command line: one line naming what is wrong and where help is, exit 2, nothing done. */
class UsageErrorsIT {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "stats --top -1                  | --top must be at least 1, not -1                   | trailwatch stats --help",
        "findings --limit 0              | --limit must be at least 1, not 0                  | trailwatch findings --help",
        "findings --since yesterday      | --since: not a duration (30m, 24h, 7d; at most 100 years), date (YYYY-MM-DD) or instant: yesterday | trailwatch findings --help",
        "findings --since 99999999999999d | --since: not a duration                           | trailwatch findings --help",
        "query --max-rows 0 SELECT.1     | --max-rows must be at least 1, not 0               | trailwatch query --help",
        "ingest --readers 0 SAMPLES      | --readers must be at least 1, not 0                | trailwatch ingest --help",
        "ingest --commit-events 0 SAMPLES | --commit-events must be at least 1, not 0         | trailwatch ingest --help",
        "ingest --visibility 0 SAMPLES   | --visibility must be between 1 and 43200, not 0    | trailwatch ingest --help",
        "watch --visibility 50000 SAMPLES | --visibility must be between 1 and 43200, not 50000 | trailwatch watch --help",
        "watch --interval 0 SAMPLES      | --interval must be at least 1, not 0               | trailwatch watch --help",
        "serve --port -1                 | --port must be between 0 and 65535, not -1         | trailwatch serve --help",
        "serve --port 0 --interval 0     | --interval must be at least 1, not 0               | trailwatch serve --help",
        "demo --port 70000               | --port must be between 0 and 65535, not 70000      | trailwatch demo --help",
        "demo --events -5                | --events must be at least 0, not -5                | trailwatch demo --help",
        "ingest                          | Missing required parameter: 'SOURCE'               | trailwatch ingest --help",
        "ingest --since 2026-11-05 --until 2026-11-01 SAMPLES | --until 2026-11-01 is before --since 2026-11-05 | trailwatch ingest --help",
        "ingest --accounts 1234 SAMPLES  | --accounts: '1234' is not an account id (12 digits) | trailwatch ingest --help",
        "ingest --endpoint minio:9000 SAMPLES | --endpoint must be an http:// or https:// URL | trailwatch ingest --help",
        "watch --sqs-endpoint :// SAMPLES | --sqs-endpoint must be an http:// or https:// URL | trailwatch watch --help",
        "ingst SAMPLES                   | did you mean ingest                                | trailwatch --help",
      })
  void badArgumentsAreOneLineAndExit2(String command, String message, String help) throws Exception {
    Path data = tmp.resolve("data");
    List<String> args = new ArrayList<>();
    for (String a : command.split(" ")) {
      args.add(a.equals("SAMPLES") ? dev.trailwatch.testkit.SharedSamples.dir().toString() : a.replace('.', ' '));
    }
    args.add(1, "--data");
    args.add(2, data.toString());
    if (command.startsWith("ingst")) {
      args.subList(1, 3).clear(); // an unknown command takes no options
    }

    Cli r = Cli.run(args.toArray(String[]::new));

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).contains(message).contains("(see '" + help + "')");
    assertThat(data).as("nothing was created").doesNotExist();
  }

  @Test
  void theDemoReplacesOnlyAFolderItMade() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve("notes.txt"), "keep me");
    Files.createDirectories(home.resolve("store"));

    Cli r = Cli.run("demo", "--data", home.toString(), "--port", "0");

    assertThat(r.exit()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(r.err()).contains("holds files the demo did not make (notes.txt)");
    assertThat(home.resolve("notes.txt")).hasContent("keep me");
    assertThat(home.resolve("store")).isDirectory();
  }

  @Test
  void aJvmThatKeepsJavaNioClosedToArrowIsToldWhatToAdd() throws Exception {
    Path data = tmp.resolve("data");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmp,
        "-cp", Jar.path().toString(), "dev.trailwatch.cli.Main", // not -jar: the manifest's Add-Opens does not apply
        "ingest", "--data", data.toString(), dev.trailwatch.testkit.SharedSamples.dir().resolve("cpl").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(p.waitFor()).as(err).isEqualTo(ExitStatus.FAILURE.code());
    assertThat(err.lines()).as(err).singleElement().asString()
        .isEqualTo("trailwatch: error: the store needs Java started with --add-opens=java.base/java.nio=ALL-UNNAMED"
            + " (java -jar trailwatch.jar and ./trailwatch do that)");
    assertThat(data.resolve("trailwatch.duckdb")).as("no store was made").doesNotExist();
  }

  @Test
  void aFileWhereTheDataFolderShouldBeIsNamed() throws Exception {
    Path file = Files.writeString(tmp.resolve("data"), "not a folder");

    Cli r = Cli.run("ingest", "--data", file.toString(), dev.trailwatch.testkit.SharedSamples.dir().toString());

    assertThat(r.exit()).isEqualTo(ExitStatus.FAILURE.code());
    assertThat(r.err()).contains(file + " is a file, not a folder");
  }
}
