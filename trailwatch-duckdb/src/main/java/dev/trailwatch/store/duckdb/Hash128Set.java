// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

/**
 * An open-addressing set of 128-bit values, each given as two longs: 22 to 43 bytes a value in memory, and 1 KiB for a
 * set of up to 48 (CloudTrail's quiet regions and accounts make many small partitions).
 */
final class Hash128Set {
  private long[] slots = new long[2 << 6];
  private boolean hasZero;
  private int size;

  /** Adds {@code (hi, lo)}; returns false when it was already there. */
  boolean add(long hi, long lo) {
    if (hi == 0 && lo == 0) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    if (size * 8L >= slots.length * 3L) { // three quarters of the entries in use
      grow();
    }
    int mask = slots.length / 2 - 1;
    for (int i = mix(hi, lo) & mask; ; i = (i + 1) & mask) {
      long h = slots[2 * i];
      long l = slots[2 * i + 1];
      if (h == 0 && l == 0) {
        slots[2 * i] = hi;
        slots[2 * i + 1] = lo;
        size++;
        return true;
      }
      if (h == hi && l == lo) {
        return false;
      }
    }
  }

  int size() {
    return size + (hasZero ? 1 : 0);
  }

  /** The bytes its table takes in memory. */
  long bytes() {
    return slots.length * (long) Long.BYTES;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) {
        add(old[i], old[i + 1]);
      }
    }
  }

  private static int mix(long hi, long lo) {
    long h = (hi ^ lo) * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
