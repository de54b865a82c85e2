// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

/** An open-addressing set of longs (16 bytes per entry at most), for the deduplication index. */
final class LongHashSet {
  private static final long EMPTY = 0L;
  private long[] slots = new long[1 << 16];
  private boolean hasZero;
  private int size;

  /** Adds {@code v}; returns false when it was already there. */
  boolean add(long v) {
    if (v == EMPTY) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    if (size * 2 >= slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      if (slots[i] == EMPTY) {
        slots[i] = v;
        size++;
        return true;
      }
      if (slots[i] == v) {
        return false;
      }
    }
  }

  boolean contains(long v) {
    if (v == EMPTY) {
      return hasZero;
    }
    int mask = slots.length - 1;
    for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
      if (slots[i] == EMPTY) {
        return false;
      }
      if (slots[i] == v) {
        return true;
      }
    }
  }

  int size() {
    return size + (hasZero ? 1 : 0);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long v : old) {
      if (v != EMPTY) {
        add(v);
      }
    }
  }

  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
