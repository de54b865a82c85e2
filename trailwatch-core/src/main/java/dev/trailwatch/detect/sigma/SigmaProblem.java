// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

/** Why a rule file (or one rule in it) cannot be used: {@code file:line:column: message}. */
public record SigmaProblem(String file, int line, int column, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
