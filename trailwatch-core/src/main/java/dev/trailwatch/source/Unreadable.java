// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.io.InputStream;

/** A path met while listing that could not be read (a folder without permission, say): opening it fails with why. */
public record Unreadable(String source, IOException cause) implements LogFile {
  @Override
  public long size() {
    return 0;
  }

  @Override
  public boolean explicit() {
    return true;
  }

  @Override
  public InputStream open() throws IOException {
    throw cause;
  }
}
