// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.util.Locale;

/** Sigma's levels, least severe first. */
public enum Level {
  INFORMATIONAL,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Parses Sigma's spelling; throws IllegalArgumentException for anything else. */
  public static Level parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("level must be informational, low, medium, high or critical, not '" + s + "'", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
