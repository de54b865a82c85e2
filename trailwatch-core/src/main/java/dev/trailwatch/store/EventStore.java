// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.detect.sigma.Correlation;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.ParseProblem;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where every event is kept exactly once, with the ledger of files read, the problems found and each file's
 * original bytes. Everything added goes into one open transaction that {@link #commit} makes durable
 * atomically; what is not committed (a crash, {@link #close} without commit) is gone, so a file's events,
 * bytes, problems and ledger row are either all stored or not at all, and reading an absent file again gives
 * the same store.
 *
 * <p>Deduplication: an event is identified by {@code (recipientAccountId, eventKey)} (a missing recipient
 * account counts as the empty string); one already stored, or already added in the open transaction, is not
 * stored again. Every copy of a CloudTrail event has the same account, region and {@code eventTime}, and a store may
 * look for an earlier copy among the events that share them.
 *
 * <p>Not thread-safe: one writer thread uses a store.
 */
public interface EventStore extends AutoCloseable {

  /** The newest ledger row of each of {@code sources} that was read before, by source. */
  Map<String, StoredFile> latestFiles(Collection<String> sources);

  /** A new file id, never used before in this store. */
  long nextFileId();

  /**
   * Adds a file's events (in file order; may be called many times per file).
   *
   * @return the positions in {@code events} of those that were new (the others were already stored)
   */
  BitSet addEvents(long fileId, List<CloudTrailEvent> events);

  /** Adds rule matches of new events of a file. */
  void addMatches(long fileId, List<RuleMatch> matches);

  /**
   * Registers correlation rules so that their findings are computed from stored matches (kept across runs;
   * a correlation with the same id is replaced).
   *
   * @param ruleIds for each correlation id, the ids of the rules it names, in order
   */
  void defineCorrelations(List<Correlation> correlations, Map<String, List<String>> ruleIds);

  /** Adds the next chunk of a file's original bytes ({@code seq} counts from 0). */
  void addRawChunk(long fileId, int seq, byte[] data, int length);

  /** Adds problems found in a file. */
  void addProblems(long fileId, String source, List<ParseProblem> problems);

  /** Removes everything added for a file in the open transaction (it could not be read to its end). */
  void dropFile(long fileId);

  /**
   * Removes the problems of the earlier versions of a file that was read again because it changed (a file read
   * while it was still being written, then complete): {@code problems} says what is wrong with the input now.
   * Their ledger rows stay, as its history.
   */
  void dropEarlierProblems(String source, long fileId);

  /** Adds a file's ledger row, once everything else of it was added. */
  void addFile(FileEntry file, int eventsNew, int eventsDuplicate);

  /** Makes everything added since the last commit durable, atomically. */
  void commit();

  /** Discards everything added since the last commit (a round that failed half-way), and keeps the store usable. */
  void rollback();

  /** The original text of a stored record, byte for byte, if the store holds it. */
  Optional<String> findOriginalRecord(String recipientAccountId, String eventKey);

  /** Number of events stored (committed or added in the open transaction). */
  long countEvents();

  /**
   * At most {@code limit} committed problems of these files, each file's first before any file's second (so that
   * one file with many problems does not hide the others), in file and byte order.
   */
  List<StoredProblem> problemsOf(java.util.Collection<Long> fileIds, int limit);

  /** Closes the store; what was added and not committed is discarded. */
  @Override
  void close();
}
