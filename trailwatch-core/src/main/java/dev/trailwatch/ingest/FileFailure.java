// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

/**
 * A file that could not be read at all, or a source that could not be listed (neither is in the ledger; the next run
 * tries it again).
 */
public record FileFailure(String source, String reason) {
  /** The failure of {@code source} with {@code e}'s first line as the reason, without the source's name twice. */
  static FileFailure of(String source, Throwable e) {
    String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    String line = nl < 0 ? m : m.substring(0, nl);
    return new FileFailure(source, line.startsWith(source + ": ") ? line.substring(source.length() + 2) : line);
  }

  @Override
  public String toString() {
    return source + ": " + reason;
  }
}
