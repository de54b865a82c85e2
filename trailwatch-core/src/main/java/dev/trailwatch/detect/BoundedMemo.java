// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a function gave for at most {@code limit} keys, then computes the rest each time: the keys
 * (event names, days, field names) come from events or rules, so a hostile input must not grow it without
 * bound. Thread-safe; the function may run more than once for a key.
 */
final class BoundedMemo<K, V> {
  private final Map<K, V> kept = new ConcurrentHashMap<>();
  private final int limit;
  private final Function<K, V> compute;

  BoundedMemo(int limit, Function<K, V> compute) {
    this.limit = limit;
    this.compute = compute;
  }

  V get(K key) {
    V v = kept.get(key);
    if (v == null) {
      v = compute.apply(key);
      if (kept.size() < limit) {
        kept.put(key, v);
      }
    }
    return v;
  }
}
