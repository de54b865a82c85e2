// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import org.jspecify.annotations.Nullable;

/** A boolean that CloudTrail may omit: an absent field is not {@code false}. */
public enum TriState {
  TRUE,
  FALSE,
  ABSENT;

  /** Reads CloudTrail's spellings: JSON booleans, {@code "true"}/{@code "false"}, {@code "Yes"}/{@code "No"}. */
  public static TriState parse(@Nullable String text) {
    if (text == null) {
      return ABSENT;
    }
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")) {
      return TRUE;
    }
    if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("no")) {
      return FALSE;
    }
    return ABSENT;
  }

  /** The value as a nullable Boolean, for storage. */
  public @Nullable Boolean toBoolean() {
    return this == ABSENT ? null : this == TRUE;
  }
}
