// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

/** Exit codes of every command. */
public enum ExitStatus {
  /** Done, nothing to report. */
  OK(0),
  /** The command failed (one line on stderr says why). */
  FAILURE(1),
  /** The command line was wrong (picocli's own code for usage errors). */
  USAGE(2),
  /** Done, but input problems were found (bad records, broken files): they are in the problems table. */
  PROBLEMS(3);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
