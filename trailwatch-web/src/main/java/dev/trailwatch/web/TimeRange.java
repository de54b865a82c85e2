// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The time range of a request: {@code range=60m|24h|7d} back from the newest stored event (the data is
 * history, not "now"), or {@code from}/{@code to} instants.
 */
record TimeRange(Instant from, Instant to) {
  static TimeRange of(Context ctx, Instant newest) {
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    if (from != null || to != null) {
      try {
        Instant f = from == null ? Instant.EPOCH : Instant.parse(from);
        Instant t = to == null ? newest.plusSeconds(1) : Instant.parse(to);
        if (!f.isBefore(t)) {
          throw new ApiException(400, "'from' must be before 'to'");
        }
        return new TimeRange(f, t);
      } catch (DateTimeParseException e) {
        throw new ApiException(400, "from/to must be ISO-8601 instants such as 2026-11-02T10:00:00Z");
      }
    }
    String range = ctx.queryParam("range") == null ? "24h" : ctx.queryParam("range");
    if (!range.matches("0*[1-9]\\d{0,4}[mhd]")) {
      throw new ApiException(400, "range must look like 60m, 24h or 7d (at least 1), not '" + range + "'");
    }
    long n = Long.parseLong(range.substring(0, range.length() - 1));
    Duration d = switch (range.charAt(range.length() - 1)) {
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    return new TimeRange(newest.minus(d), newest.plusSeconds(1));
  }

  /** A bucket size giving 20 to 60 points over the range. */
  String bucket() {
    long minutes = Duration.between(from, to).toMinutes();
    return minutes <= 120 ? "minute" : minutes <= 3 * 24 * 60 ? "hour" : "day";
  }
}
