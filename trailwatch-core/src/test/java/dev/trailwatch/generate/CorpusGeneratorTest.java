// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {
  @TempDir Path tmp;

  @Test
  void progressCountsUpToEveryEventWritten() throws Exception {
    ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
    CorpusSummary s = new CorpusGenerator().generate(new GeneratorConfig(tmp, 3_000, List.of("111111111111"), List.of("us-east-1"), 1,
        Instant.parse("2026-11-01T00:00:00Z"), 1, true, null), seen::add);
    assertThat(seen).hasSizeGreaterThan(10).doesNotHaveDuplicates().allMatch(n -> n > 0 && n <= s.events());
    assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(s.events());
  }
}
