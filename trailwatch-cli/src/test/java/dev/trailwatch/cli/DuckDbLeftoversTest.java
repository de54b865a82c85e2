// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbLeftoversTest {
  @TempDir Path tmp;

  @Test
  void removesOldCopiesOfTheNativeLibraryOnly() throws Exception {
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    Path old = Files.writeString(tmp.resolve("libduckdb_java123.so"), "x");
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofHours(2))));
    Path copying = Files.writeString(tmp.resolve("libduckdb_java456.so"), "x"); // a process starting right now
    Files.setLastModifiedTime(copying, FileTime.from(now.minus(Duration.ofSeconds(5))));
    Path other = Files.writeString(tmp.resolve("libsomething.so"), "x");
    Files.setLastModifiedTime(other, FileTime.from(now.minus(Duration.ofDays(2))));

    assertThat(DuckDbLeftovers.clean(tmp, now)).isEqualTo(1);

    assertThat(old).doesNotExist();
    assertThat(copying).exists();
    assertThat(other).exists();
    assertThat(DuckDbLeftovers.clean(tmp.resolve("missing"), now)).isZero();
  }
}
