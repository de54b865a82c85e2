// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.InputStream;

/**
 * What {@link FileContent#decode} gives for a file that may hold logs but that Trailwatch does not open (an archive too
 * deep in others, data compressed too many times over): no bytes, and the reason with what to do, which the parser
 * reports.
 */
final class NoLogs extends InputStream {
  private final String reason;

  NoLogs(String reason) {
    this.reason = reason;
  }

  String reason() {
    return reason;
  }

  @Override
  public int read() {
    return -1;
  }
}
