// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountTest {
  @Test
  void readsRightInTheSingular() {
    assertThat(Count.of(1, "file")).isEqualTo("1 file");
    assertThat(Count.of(0, "file")).isEqualTo("0 files");
    assertThat(Count.of(4_455, "file")).isEqualTo("4,455 files");
    assertThat(Count.of(1, "rule match", "rule matches")).isEqualTo("1 rule match");
    assertThat(Count.of(2, "rule match", "rule matches")).isEqualTo("2 rule matches");
  }
}
