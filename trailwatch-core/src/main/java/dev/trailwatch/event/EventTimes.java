// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** Parses CloudTrail's {@code eventTime}: a fast path for {@code yyyy-MM-ddTHH:mm:ssZ}, ISO-8601 otherwise. */
final class EventTimes {
  private EventTimes() {}

  /** The instant, or null when the text is not an ISO-8601 instant (such records are kept, timeless). */
  static @Nullable Instant parse(@Nullable String s) {
    if (s == null) {
      return null;
    }
    if (s.length() == 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
        && s.charAt(13) == ':' && s.charAt(16) == ':' && s.charAt(19) == 'Z') {
      int y = digits(s, 0, 4);
      int mo = digits(s, 5, 7);
      int d = digits(s, 8, 10);
      int h = digits(s, 11, 13);
      int mi = digits(s, 14, 16);
      int se = digits(s, 17, 19);
      if (y >= 0 && mo >= 0 && d >= 0 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0 && se < 60) {
        try {
          return Instant.ofEpochSecond(LocalDate.of(y, mo, d).toEpochDay() * 86_400L + h * 3600L + mi * 60L + se);
        } catch (DateTimeException e) {
          return null; // e.g. February 30th
        }
      }
      return null;
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
