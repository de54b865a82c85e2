// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Dates and instants given on the command line: {@code 2026-11-02} (UTC midnight) or an ISO-8601 instant. */
final class CliTime {
  private CliTime() {}

  /** The instant, or a usage error naming {@code option}. */
  static Instant instant(String text, String option, CommandLine cl) {
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeException e) {
      throw new ParameterException(cl, option + ": not a date (YYYY-MM-DD) or instant: " + text);
    }
  }
}
