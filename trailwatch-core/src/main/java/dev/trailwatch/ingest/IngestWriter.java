// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.store.EventStore;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The writer loop, on the calling thread: queues the listing's files for the readers as they need more, adds what
 * readers send to the store's open transaction, and commits when enough is there and no file is half-added, so that
 * every commit holds whole files only.
 */
final class IngestWriter {
  /** A long run commits at least this often, so a crash loses little work. */
  private static final long COMMIT_INTERVAL_NANOS = 10_000_000_000L;

  private final EventStore store;
  private final IngestOptions options;
  private final StagedQueue queue;
  private final ReadQueue toRead;
  private final List<Future<?>> readers;
  private final IngestListener listener;
  private final Tally tally;
  private final Set<Long> open = new HashSet<>();
  private final Map<Long, int[]> counts = new HashMap<>();
  private final List<CommittedFile> pending = new ArrayList<>();
  private long pendingEvents;
  private long lastCommit = System.nanoTime();
  private int finished;

  IngestWriter(EventStore store, IngestOptions options, StagedQueue queue, ReadQueue toRead, List<Future<?>> readers, IngestListener listener, Tally tally) {
    this.store = store;
    this.options = options;
    this.queue = queue;
    this.toRead = toRead;
    this.readers = readers;
    this.listener = listener;
    this.tally = tally;
  }

  void run(Listing listing) throws InterruptedException {
    boolean listed = false;
    while (true) {
      boolean idle = finished == toRead.queued(); // nothing queued or being read
      if (!listed && toRead.waiting() < Listing.CAPACITY / 2) {
        List<LogFile> chunk = listing.next(Listing.CAPACITY, idle ? 200 : 0);
        if (chunk == null) {
          listed = true;
        } else if (!chunk.isEmpty()) {
          tally.filesSeen += chunk.size();
          listener.listed(tally.filesSeen);
          int skipped = toRead.offer(chunk);
          tally.filesUnchanged += skipped;
          tally.done += skipped;
          listener.fileFinished(tally.done);
          idle = finished == toRead.queued();
        }
      }
      if (listed && idle) {
        break;
      }
      Staged s = queue.poll(idle ? 0 : 200);
      if (s == null && !idle && readers.stream().anyMatch(Future::isDone)) {
        s = queue.poll(0); // a reader may have sent its last message after the poll above
        if (s == null) { // a reader ended while files are unfinished: it died (an Error, not a bad file)
          rethrowReaderFailure(readers.stream().filter(Future::isDone).toList()); // the others wait for files
          throw new IllegalStateException("a reader ended with " + (toRead.queued() - finished) + " files unfinished");
        }
      }
      if (s == null) {
        if (open.isEmpty()) {
          commit();
        }
        continue;
      }
      take(s);
      if (open.isEmpty() && due(1)) {
        commit();
      } else if (due(2)) { // a file has nearly always been half-added since the commit was due: many readers
        toRead.hold(); // the files open now end, and no other starts: then the commit comes
      }
    }
    commit();
  }

  /** Whether {@code times} the events, files or time that make a commit due have gathered since the last one. */
  private boolean due(int times) {
    return pendingEvents >= times * options.commitEvents() || pending.size() >= times * options.commitFiles()
        || System.nanoTime() - lastCommit > times * COMMIT_INTERVAL_NANOS;
  }

  private void take(Staged s) {
    long id = s.fileId();
    if (s instanceof Staged.Events e) {
      open.add(id);
      BitSet fresh = store.addEvents(id, e.events());
      int added = fresh.cardinality();
      if (!e.matches().isEmpty()) {
        List<RuleMatch> kept = newEventsOnly(e, fresh);
        store.addMatches(id, kept);
        tally.matches += kept.stream().filter(RuleMatch::finding).count();
      }
      int[] c = counts.computeIfAbsent(id, k -> new int[2]);
      c[0] += added;
      c[1] += e.events().size() - added;
      tally.eventsRead += e.events().size();
      pendingEvents += e.events().size();
      listener.parsed(e.events().size());
    } else if (s instanceof Staged.RawChunk c) {
      open.add(id);
      store.addRawChunk(id, c.seq(), c.data(), c.length());
    } else if (s instanceof Staged.Problems p) {
      open.add(id);
      store.addProblems(id, p.source(), p.problems());
    } else if (s instanceof Staged.Done d) {
      open.remove(id);
      int[] c = counts.getOrDefault(id, new int[2]);
      counts.remove(id);
      if (toRead.changed(id)) {
        store.dropEarlierProblems(d.entry().source(), id);
      }
      toRead.read(id);
      store.addFile(d.entry(), c[0], c[1]);
      pending.add(new CommittedFile(d.entry(), c[0], c[1]));
      finished++;
    } else if (s instanceof Staged.NotJson) {
      toRead.notRecorded(id);
      tally.filesNotJson++;
      finished++;
      listener.fileFinished(++tally.done);
    } else if (s instanceof Staged.Failed f) {
      if (open.remove(id)) {
        store.dropFile(id);
      }
      counts.remove(id);
      toRead.notRecorded(id);
      tally.failures.add(new FileFailure(f.source(), f.reason()));
      finished++;
      listener.fileFinished(++tally.done);
    }
  }

  private void commit() {
    pendingEvents = 0;
    toRead.release(); // new files are read while this commits; their messages wait in the bounded queue
    if (pending.isEmpty()) {
      return;
    }
    store.commit();
    lastCommit = System.nanoTime();
    for (CommittedFile c : pending) {
      toRead.committed(c.file().source());
      tally.filesRead++;
      tally.eventsNew += c.eventsNew();
      tally.eventsDuplicate += c.eventsDuplicate();
      tally.problems += c.file().summary().problems();
      tally.unknownFields += c.file().summary().recordsWithUnknownFields();
      tally.untimed += c.file().summary().recordsWithoutTime();
      tally.formats.merge(c.file().summary().format(), 1, Integer::sum);
      listener.committed(c);
      listener.fileFinished(++tally.done);
    }
    pending.clear();
  }

  /** Waits for the readers to stop; throws the first one's failure, an out-of-heap error as it is. */
  static void rethrowReaderFailure(List<Future<?>> readers) throws InterruptedException {
    for (Future<?> f : readers) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof OutOfMemoryError oom) {
          throw oom; // as it is: the command line says how to give Java more
        }
        throw new IllegalStateException("a reader thread failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /** Matches of events that were stored now (a duplicate's matches were stored with its first copy). */
  private static List<RuleMatch> newEventsOnly(Staged.Events e, BitSet fresh) {
    if (fresh.cardinality() == e.events().size()) {
      return e.matches();
    }
    Map<CloudTrailEvent, Integer> position = new IdentityHashMap<>();
    for (int i = 0; i < e.events().size(); i++) {
      position.put(e.events().get(i), i);
    }
    return e.matches().stream().filter(m -> fresh.get(position.get(m.event()))).toList();
  }
}
