// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * The hash of an event's identity {@code (recipientAccountId, eventKey)} that deduplication compares ({@link Strong}):
 * 120 bits of the SHA-256 of the identity's UTF-8 bytes (the account, a NUL, the key), so that neither chance nor a
 * crafted eventID makes two identities one, and a hash seen before is a copy without asking the table. Its first half
 * is stored in {@code events.dedupe_hash} (rows of stores made before stop 18 hold another 64-bit hash there: nothing
 * reads the column back). {@link #STRONG_SQL} computes both halves for stored rows.
 */
final class DedupeKeys {
  private DedupeKeys() {}

  /** The two halves of {@link Strong} for the {@code events} rows of a query ({@code SELECT} them from it). */
  static final String STRONG_SQL = "('0x' || substr(h, 1, 15))::BIGINT, ('0x' || substr(h, 17, 15))::BIGINT FROM "
      + "(SELECT sha256(coalesce(recipient_account_id, '') || chr(0) || event_key) AS h FROM events WHERE %s)";

  /** The SHA-256 of identities, one at a time ({@link #of}, then {@link #hi} and {@link #lo}). */
  static final class Strong {
    private final MessageDigest sha256;
    private long hi;
    private long lo;

    Strong() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this Java has no SHA-256", e);
      }
    }

    /** Hashes {@code (account, eventKey)} (an absent account as ""); returns this. */
    Strong of(@Nullable String account, String eventKey) {
      if (account != null) {
        sha256.update(account.getBytes(StandardCharsets.UTF_8));
      }
      sha256.update((byte) 0);
      ByteBuffer d = ByteBuffer.wrap(sha256.digest(eventKey.getBytes(StandardCharsets.UTF_8)));
      hi = d.getLong() >>> 4; // the first 15 hex digits, as STRONG_SQL reads them
      lo = d.getLong() >>> 4; // and the 15 after the 16th
      return this;
    }

    long hi() {
      return hi;
    }

    long lo() {
      return lo;
    }
  }
}
