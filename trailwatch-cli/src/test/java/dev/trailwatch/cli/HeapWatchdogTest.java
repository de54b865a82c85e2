// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapWatchdogTest {
  private static final long MAX = 1_000_000;

  /** Feeds one sample a second for {@code seconds}, each second collecting {@code collecting} ms with {@code used} in use. */
  private static boolean feed(HeapWatchdog w, int from, int seconds, long collectingPerSecond, long used, long[] collected) {
    boolean stuck = false;
    for (int s = from; s < from + seconds; s++) {
      collected[0] += collectingPerSecond;
      stuck = w.stuck(s * 1000L, collected[0], used, MAX);
    }
    return stuck;
  }

  @Test
  void nearlyAllTheTimeCollectingWithAFullHeapForThirtySecondsIsStuck() {
    HeapWatchdog w = new HeapWatchdog();
    long[] collected = {0};
    assertThat(feed(w, 0, 20, 990, 910_000, collected)).as("not watched long enough").isFalse();
    assertThat(feed(w, 20, 11, 990, 910_000, collected)).isTrue();
  }

  @Test
  void aBusyCollectorWithRoomLeftOrAHeapFullButMovingIsNot() {
    long[] collected = {0};
    assertThat(feed(new HeapWatchdog(), 0, 60, 990, 500_000, collected)).as("room left: big collections that free much").isFalse();
    assertThat(feed(new HeapWatchdog(), 0, 60, 600, 910_000, collected)).as("a full heap, but the work moves").isFalse();
  }

  @Test
  void onlyTheLastThirtySecondsCountAndABurstThatEndsIsForgotten() {
    HeapWatchdog w = new HeapWatchdog();
    long[] collected = {0};
    assertThat(feed(w, 0, 120, 100, 910_000, collected)).isFalse(); // two quiet minutes do not hide what follows
    assertThat(feed(w, 120, 31, 990, 910_000, collected)).isTrue();
    assertThat(feed(w, 151, 30, 100, 910_000, collected)).isFalse();
  }
}
