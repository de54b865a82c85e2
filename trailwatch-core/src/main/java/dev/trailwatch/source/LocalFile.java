// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** A file on the local file system, found with {@code selection} (which also chooses the files read in an archive). */
public record LocalFile(Path path, long size, Instant modified, boolean explicit, LayoutSelection selection) implements LogFile {
  @Override
  public String source() {
    return path.toString();
  }

  @Override
  public Optional<Instant> lastModified() {
    return Optional.of(modified);
  }

  @Override
  public InputStream open() throws IOException {
    return Files.newInputStream(path);
  }
}
