// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import java.util.Locale;

/** A count with its noun, read right in the singular: {@code 1 file}, {@code 4,455 files}. */
public final class Count {
  private Count() {}

  /** {@code n} and {@code noun} (a noun whose plural takes an s). */
  public static String of(long n, String noun) {
    return of(n, noun, noun + "s");
  }

  /** {@code n} and the noun in the number it needs. */
  public static String of(long n, String singular, String plural) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
  }
}
