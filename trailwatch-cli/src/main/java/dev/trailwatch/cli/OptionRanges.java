// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.detect.sigma.Level;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Options outside their range (numbers, Sigma levels) are usage errors that name the option, before any work starts. */
final class OptionRanges {
  static final int MAX_PORT = 65_535;
  /** SQS's limit for a message's visibility timeout (12 hours). */
  static final int MAX_VISIBILITY_SECONDS = 43_200;

  private OptionRanges() {}

  static void atLeast(CommandSpec spec, String option, long value, long min) {
    if (value < min) {
      throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ", not " + value);
    }
  }

  /** A Sigma level given as {@code --level}. */
  static Level level(CommandSpec spec, String text) {
    try {
      return Level.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
  }

  static void between(CommandSpec spec, String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ParameterException(spec.commandLine(), option + " must be between " + min + " and " + max + ", not " + value);
    }
  }
}
