// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

/** Progress of an ingest run, called on the writer thread. Implementations must be quick. */
public interface IngestListener {
  /** The listing has found {@code files} files so far (it goes on while files are read). */
  default void listed(int files) {}

  /** Records were parsed (not yet committed). */
  default void parsed(int events) {}

  /** A file was committed, skipped or failed; {@code done} of the files {@link #listed} so far are finished. */
  default void fileFinished(int done) {}

  /** Files were committed. */
  default void committed(CommittedFile file) {}

  IngestListener NONE = new IngestListener() {};

  /** This listener, then {@code next}, told everything. */
  default IngestListener andThen(IngestListener next) {
    IngestListener first = this;
    return new IngestListener() {
      @Override
      public void listed(int files) {
        first.listed(files);
        next.listed(files);
      }

      @Override
      public void parsed(int events) {
        first.parsed(events);
        next.parsed(events);
      }

      @Override
      public void fileFinished(int done) {
        first.fileFinished(done);
        next.fileFinished(done);
      }

      @Override
      public void committed(CommittedFile file) {
        first.committed(file);
        next.committed(file);
      }
    };
  }
}
