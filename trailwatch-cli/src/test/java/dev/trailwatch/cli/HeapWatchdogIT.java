// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that collects garbage without end, instead of running out of heap, ends with the out-of-memory line. */
class HeapWatchdogIT {
  @Test
  void aProcessStuckCollectingGarbageEndsWithTheOutOfMemoryLine() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-XX:+UseG1GC",
        "-cp", System.getProperty("java.class.path"), HeapSpiral.class.getName())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("ended within 120 s; stderr: %s", err).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(err.strip()).startsWith("trailwatch: error: out of memory (the heap stayed full, and collecting garbage took all the time for 30 s")
        .contains("TRAILWATCH_JAVA_OPTS=-Xmx8g").doesNotContain("\tat ");
  }
}
