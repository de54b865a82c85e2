// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.ParseProblem;
import java.util.List;
import java.util.Optional;

/**
 * Where every event is kept exactly once, with the ledger of files read, the problems found and each file's
 * original bytes. Writes are staged per file and become visible only through {@link #commit}, which stores a
 * group of files' events, raw bytes, problems and ledger rows atomically: a crash at any moment leaves every
 * file either wholly committed or absent, and reading an absent file again gives the same store.
 *
 * <p>Deduplication: an event is identified by {@code (recipientAccountId, eventKey)} (a missing recipient
 * account counts as the empty string); one already stored is not stored again.
 *
 * <p>Not thread-safe: one writer thread uses a store.
 */
public interface EventStore extends AutoCloseable {

  /** The newest ledger row for a source, if the source was read before. */
  Optional<StoredFile> findLatestFile(String source);

  /** A new file id, never used before in this store. */
  long nextFileId();

  /** Stages events of a file (in file order; may be called many times per file). */
  void stageEvents(long fileId, List<CloudTrailEvent> events);

  /** Stages the next chunk of a file's original bytes ({@code seq} counts from 0). */
  void stageRawChunk(long fileId, int seq, byte[] data, int length);

  /** Stages problems found in a file. */
  void stageProblems(long fileId, String source, List<ParseProblem> problems);

  /** Drops everything staged for a file that could not be read to its end. */
  void discardStaged(long fileId);

  /** Atomically stores the staged data of these files together with their ledger rows. */
  List<CommittedFile> commit(List<FileEntry> files);

  /** The original text of a stored record, byte for byte, if the store holds it. */
  Optional<String> findOriginalRecord(String recipientAccountId, String eventKey);

  /** Number of events stored. */
  long countEvents();

  @Override
  void close();
}
