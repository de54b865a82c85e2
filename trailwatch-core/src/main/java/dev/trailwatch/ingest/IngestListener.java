// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;


/** Progress of an ingest run, called on the writer thread. Implementations must be quick. */
public interface IngestListener {
  /** The files to look at are known. */
  default void started(int files) {}

  /** Records were parsed (not yet committed). */
  default void parsed(int events) {}

  /** A file was committed, skipped or failed; {@code done} files of {@code started}'s total are finished. */
  default void fileFinished(int done) {}

  /** Files were committed. */
  default void committed(CommittedFile file) {}

  IngestListener NONE = new IngestListener() {};
}
