// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.source.LogFile;
import java.io.InputStream;
import java.util.function.Supplier;

/** Files for ingest tests whose bytes come from the test, named on the command line (read whatever they hold). */
final class TestFiles {
  private TestFiles() {}

  static LogFile of(String name, long listedSize, Supplier<InputStream> open) {
    return new LogFile() {
      @Override
      public String source() {
        return name;
      }

      @Override
      public long size() {
        return listedSize;
      }

      @Override
      public boolean explicit() {
        return true;
      }

      @Override
      public InputStream open() {
        return open.get();
      }
    };
  }
}
