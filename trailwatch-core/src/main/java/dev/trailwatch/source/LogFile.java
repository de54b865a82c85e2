// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/** One file to read: its identity for the ledger and a way to open its bytes. */
public interface LogFile {
  /** The ledger key: a normalised local path or an {@code s3://bucket/key} URI. */
  String source();

  /** Size in bytes as listed. */
  long size();

  /** Modification time of a local file; none by default. */
  default Optional<Instant> lastModified() {
    return Optional.empty();
  }

  /** ETag of an object store's object; none by default. */
  default Optional<String> etag() {
    return Optional.empty();
  }

  /**
   * True when the file was named explicitly by the user (so it is read whatever it holds), false when it was
   * found by walking a folder (so files that are plainly not JSON or gzip are passed over).
   */
  boolean explicit();

  /** Which of the files in an archive to read: the selection of the folders this file was found in. */
  default LayoutSelection selection() {
    return LayoutSelection.everything();
  }

  /** Opens the file's bytes (as stored: compressed or not). The caller closes the stream. */
  InputStream open() throws IOException;
}
