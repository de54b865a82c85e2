// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * The bytes piped into the process ({@code aws cloudtrail lookup-events ... | trailwatch ingest -}): one file,
 * in any format the reader knows, always read (a pipe has no size or time to compare); its events are deduplicated
 * as any others.
 */
public record StandardInput(InputStream in) implements LogFile {
  /** The ledger's name for it. */
  public static final String SOURCE = "stdin";

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public long size() {
    return -1;
  }

  @Override
  public boolean explicit() {
    return true;
  }

  @Override
  public InputStream open() {
    return new FilterInputStream(in) {
      @Override
      public void close() {
        // the process's standard input stays open
      }
    };
  }
}
