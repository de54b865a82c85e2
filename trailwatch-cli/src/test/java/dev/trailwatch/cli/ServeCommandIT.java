// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandIT {
  @TempDir Path tmp;

  @Test
  void exposingTheDashboardWithoutATokenIsRefused() {
    Cli r = Cli.run("serve", "--data", tmp.toString(), "--bind", "0.0.0.0", "--port", "0");
    assertThat(r.exit()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(r.err()).contains("--token");
  }

  @Test
  void watchNeedsAFolder() {
    Cli r = Cli.run("serve", "--data", tmp.toString(), "--port", "0", "--watch", tmp.resolve("nowhere").toString());
    assertThat(r.exit()).isEqualTo(ExitStatus.USAGE.code());
    assertThat(r.err()).contains("--watch");
  }

  @Test
  void demoAndServeExplainThemselves() {
    assertThat(Cli.run("demo", "--help").out()).contains("Usage: trailwatch demo").contains("planted incidents");
    assertThat(Cli.run("serve", "--help").out()).contains("--token").contains("--watch").contains("127.0.0.1");
  }
}
