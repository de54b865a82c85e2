// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A process that never runs out of heap yet does nothing but collect garbage: it fills the heap, and each time an
 * allocation fails it lets go of a little, so every collection frees just enough for the next few allocations. Run by
 * {@link HeapWatchdogIT} with a small heap and Trailwatch's watchdog on.
 */
public final class HeapSpiral {
  private HeapSpiral() {}

  public static void main(String[] args) {
    Main.watchHeap();
    List<byte[]> kept = new ArrayList<>();
    while (true) {
      try {
        kept.add(new byte[64 * 1024]);
      } catch (OutOfMemoryError e) {
        for (int i = 0; i < 4 && !kept.isEmpty(); i++) {
          kept.remove(kept.size() - 1);
        }
      }
    }
  }
}
