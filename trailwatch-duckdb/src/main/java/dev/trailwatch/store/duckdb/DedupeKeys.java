// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import org.jspecify.annotations.Nullable;

/**
 * The 64-bit hash of an event's identity {@code (recipientAccountId, eventKey)}, stored in
 * {@code events.dedupe_hash}. A hash seen before only makes an event a candidate duplicate: the store then
 * compares the full identity, so a collision (or a crafted eventID) can never hide an event.
 */
final class DedupeKeys {
  private DedupeKeys() {}

  static long hash(@Nullable String account, String eventKey) {
    long h = 0xcbf29ce484222325L;
    h = feed(h, account == null ? "" : account);
    h = (h ^ 0x1F) * 0x100000001b3L;
    h = feed(h, eventKey);
    // splitmix64 finaliser: spreads FNV's weak low bits
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  private static long feed(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }
}
