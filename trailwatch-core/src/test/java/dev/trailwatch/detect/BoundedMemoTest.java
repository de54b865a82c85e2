// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {
  @Test
  void remembersUpToTheLimitAndComputesTheRestEachTime() {
    AtomicInteger calls = new AtomicInteger();
    BoundedMemo<String, String> memo = new BoundedMemo<>(2, k -> {
      calls.incrementAndGet();
      return k.toUpperCase();
    });

    for (int round = 0; round < 3; round++) {
      assertThat(memo.get("a")).isEqualTo("A");
      assertThat(memo.get("b")).isEqualTo("B");
      assertThat(memo.get("c")).isEqualTo("C");
    }

    assertThat(calls).hasValue(2 + 3); // a and b once, c (over the limit) every time
  }
}
