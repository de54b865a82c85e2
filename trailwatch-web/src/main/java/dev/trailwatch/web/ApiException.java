// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

/** A request the API refuses, with the status to answer and a one-line reason. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
