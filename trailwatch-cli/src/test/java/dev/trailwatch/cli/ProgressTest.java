// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.ingest.IngestListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void theEventsCountMovesWhileNoFileHasFinished() throws InterruptedException {
    ByteArrayOutputStream drawn = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(drawn, true, StandardCharsets.UTF_8);
        Progress progress = Progress.start(out)) {
      IngestListener listener = progress.listener();
      listener.listed(10);
      for (int i = 0; i < 12; i++) {
        listener.parsed(1000); // records read; no file is committed yet
        Thread.sleep(100);
      }
    }
    String[] frames = drawn.toString(StandardCharsets.UTF_8).split("\r");
    assertThat(Arrays.stream(frames).filter(f -> f.contains("0/10 files")).map(f -> f.replaceAll(".* ([0-9,]+) events.*", "$1")).distinct())
        .as("frames drawn before any file finished: %s", Arrays.toString(frames))
        .hasSizeGreaterThanOrEqualTo(3);
  }
}
