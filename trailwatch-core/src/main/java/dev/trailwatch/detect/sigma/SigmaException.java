// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

/** A rule that cannot be used, with where and why; raised while compiling, collected by the parser. */
public final class SigmaException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int line;
  private final int column;

  public SigmaException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, or 0 when unknown. */
  public int column() {
    return column;
  }
}
