// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Hash128SetTest {
  @Test
  void eachValueIsAddedOnceThroughGrowthAndZeroIsAValueToo() {
    Hash128Set set = new Hash128Set();
    SplittableRandom random = new SplittableRandom(7);
    long[][] values = new long[100_000][];
    for (int i = 0; i < values.length; i++) {
      values[i] = new long[] {random.nextLong(), i % 3 == 0 ? 0 : random.nextLong()};
      assertThat(set.add(values[i][0], values[i][1])).isTrue();
    }
    assertThat(set.add(0, 0)).isTrue();
    assertThat(set.add(0, 0)).isFalse();
    for (long[] v : values) {
      assertThat(set.add(v[0], v[1])).isFalse();
    }
    // halves that match another entry's one half are other values
    assertThat(set.add(values[1][0], values[2][1])).isTrue();
    assertThat(set.size()).isEqualTo(100_002);
  }
}
