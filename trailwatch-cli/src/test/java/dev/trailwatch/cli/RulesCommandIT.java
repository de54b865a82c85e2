// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.testkit.SharedSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandIT {
  @TempDir Path tmp;
  final Path sigma = SharedSamples.shared().resolve("sigma");

  @Test
  void checkPrintsEveryProblemAsFileLineColumn() {
    Cli r = Cli.run("rules", "check", sigma.resolve("rules").toString(), sigma.resolve("unsupported").toString(), sigma.resolve("rules-placeholder").toString());
    assertThat(r.exit()).isEqualTo(ExitStatus.FAILURE.code());
    assertThat(r.out()).containsPattern("aws_lambda_function_created_or_invoked\\.yml:\\d+:\\d+: unsupported")
        .containsPattern("aws_cloudtrail_console_login_success_from_susp_locations\\.yml:\\d+:\\d+: placeholder %Legitimate_Countries%")
        .contains("2 problems");
    assertThat(Cli.run("rules", "check", sigma.resolve("rules").toString()).exit()).isZero();
    assertThat(Cli.run("rules", "check", sigma.resolve("unsupported").toString()).out()).endsWith("usable, 1 problem" + System.lineSeparator());
  }

  @Test
  void testRunsTheBuiltinCases() {
    Cli r = Cli.run("rules", "test");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).containsPattern("\\d{2,} passed, 0 failed");
  }

  @Test
  void testReportsACaseThatFails() throws Exception {
    Path f = tmp.resolve("r.yml");
    Files.writeString(f, """
        title: Wrong
        id: wrong
        logsource: {product: aws}
        detection: {sel: {eventName: A}, condition: sel}
        trailwatch-tests:
          match: [{eventName: B}]
          nomatch: [{eventName: C}]
        """);
    Cli r = Cli.run("rules", "test", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL Wrong").contains("does not match").contains("0 passed, 1 failed");
  }

  @Test
  void listShowsBuiltinAndUserRules() {
    Cli r = Cli.run("rules", "list", "--rules", sigma.resolve("rules").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("CIS 4.3: Root account usage").contains("AWS Root Credentials").contains("event_count");
  }

  @Test
  void listTakesAMinimumLevel() {
    Cli r = Cli.run("rules", "list", "--level", "critical");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> rows = r.out().lines().skip(2).filter(l -> !l.startsWith("(")).toList();
    assertThat(rows).isNotEmpty().allMatch(l -> l.startsWith("critical "));
    assertThat(r.out()).containsPattern("\\(\\d+ at critical or higher of \\d+ rules");
  }
}
