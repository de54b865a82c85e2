// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.LogFormat;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.store.EventStore;
import dev.trailwatch.store.StoredFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Sources to store: lists the files, skips those the ledger already has unchanged, parses the rest on
 * worker threads and commits them on the calling thread in groups of whole files. Every arrow of the data
 * flow is here; the CLI and the web layer only call {@link #run}.
 */
public final class IngestPipeline {
  /** A long run commits at least this often, so a crash loses little work. */
  private static final long COMMIT_INTERVAL_NANOS = 10_000_000_000L;

  /**
   * Files from the network are read by at least this many threads: each mostly waits for bytes, so several
   * downloads overlap; memory stays bounded by the reader-to-writer queue and one buffer per thread.
   */
  static final int REMOTE_READERS = 8;

  private final EventStore store;
  private final IngestOptions options;
  private final RuleEngine rules;
  private final LogFileParser parser = new LogFileParser();
  private boolean correlationsDefined;

  public IngestPipeline(EventStore store, IngestOptions options, RuleEngine rules) {
    this.store = store;
    this.options = options;
    this.rules = rules;
  }

  /**
   * Ingests every new or changed file of the sources.
   *
   * @throws IOException when a source cannot be listed (a missing folder)
   * @throws InterruptedException when the calling thread is interrupted; committed files stay committed
   */
  public IngestReport run(List<LogSource> sources, IngestListener listener) throws IOException, InterruptedException {
    long started = System.nanoTime();
    List<LogFile> files = new ArrayList<>();
    for (LogSource source : sources) {
      files.addAll(source.list());
    }
    Tally tally = new Tally();
    tally.filesSeen = files.size();
    if (!correlationsDefined) {
      store.defineCorrelations(rules.correlations(), rules.correlatedRuleIds());
      store.commit();
      correlationsDefined = true;
    }
    boolean remote = sources.stream().anyMatch(LogSource::remote);
    listener.started(files.size());
    List<LogFile> toRead = new ArrayList<>();
    Set<String> changed = new HashSet<>(); // read before, in another version
    Set<String> seen = new HashSet<>();
    Map<String, StoredFile> ledger = store.latestFiles(files.stream().map(LogFile::source).toList());
    for (LogFile f : files) {
      if (!seen.add(f.source()) || unchanged(f, ledger.get(f.source()))) {
        tally.filesUnchanged++;
        listener.fileFinished(++tally.done);
      } else {
        toRead.add(f);
        if (ledger.containsKey(f.source())) {
          changed.add(f.source());
        }
      }
    }
    if (!toRead.isEmpty()) {
      readAndCommit(toRead, changed, remote ? Math.max(options.readers(), REMOTE_READERS) : options.readers(), listener, tally);
    }
    return tally.report(Duration.ofNanos(System.nanoTime() - started));
  }


  private static boolean unchanged(LogFile f, @Nullable StoredFile k) {
    if (k == null || k.selection() != null && !k.selection().equals(f.selection().describe())) {
      return false; // an archive read in part is read again for other days, accounts or regions (or all of them)
    }
    if (f.etag().isPresent()) {
      return f.etag().get().equals(k.etag());
    }
    return k.size() == f.size() && f.lastModified().isPresent() && f.lastModified().get().equals(k.lastModified());
  }

  private void readAndCommit(List<LogFile> files, Set<String> changed, int readers, IngestListener listener, Tally tally) throws InterruptedException {
    StagedQueue queue = new StagedQueue(options.queueCapacity());
    FileReader reader = new FileReader(parser, rules, queue, options.batchSize());
    ExecutorService workers = Executors.newFixedThreadPool(readers, r -> {
      Thread t = new Thread(r, "trailwatch-reader");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger next = new AtomicInteger();
    long[] ids = new long[files.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = store.nextFileId();
    }
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < readers; w++) {
      running.add(workers.submit(() -> {
        for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
          reader.read(files.get(i), ids[i]);
        }
        return null;
      }));
    }
    workers.shutdown();
    try {
      write(queue, files.size(), running, changed, listener, tally);
    } finally {
      workers.shutdownNow();
    }
    rethrowReaderFailure(running);
  }

  private static void rethrowReaderFailure(List<Future<?>> readers) throws InterruptedException {
    for (Future<?> f : readers) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a reader thread failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /**
   * The writer loop: adds what readers send to the store's open transaction and commits when enough is
   * there and no file is half-added, so that every commit holds whole files only.
   */
  private void write(StagedQueue queue, int expected, List<Future<?>> readers, Set<String> changed, IngestListener listener, Tally tally) throws InterruptedException {
    Set<Long> open = new HashSet<>();
    Map<Long, int[]> counts = new HashMap<>();
    List<CommittedFile> pending = new ArrayList<>();
    long pendingEvents = 0;
    long lastCommit = System.nanoTime();
    int finished = 0;
    while (finished < expected) {
      Staged s = queue.poll(200);
      if (s == null && readers.stream().allMatch(Future::isDone)) {
        s = queue.poll(0); // a reader may have sent its last message after the poll above
        if (s == null) { // every reader ended, yet files are unfinished: one died (an Error, not a bad file)
          rethrowReaderFailure(readers);
          throw new IllegalStateException("the readers ended with " + (expected - finished) + " files unfinished");
        }
      }
      if (s == null) {
        if (open.isEmpty()) {
          commit(pending, listener, tally);
          pendingEvents = 0;
        }
        continue;
      }
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
        if (changed.contains(d.entry().source())) {
          store.dropEarlierProblems(d.entry().source(), id);
        }
        store.addFile(d.entry(), c[0], c[1]);
        pending.add(new CommittedFile(d.entry(), c[0], c[1]));
        finished++;
      } else if (s instanceof Staged.NotJson) {
        tally.filesNotJson++;
        finished++;
        listener.fileFinished(++tally.done);
      } else if (s instanceof Staged.Failed f) {
        if (open.remove(id)) {
          store.dropFile(id);
        }
        counts.remove(id);
        tally.failures.add(new FileFailure(f.source(), f.reason()));
        finished++;
        listener.fileFinished(++tally.done);
      }
      boolean due = pendingEvents >= options.commitEvents() || pending.size() >= options.commitFiles()
          || System.nanoTime() - lastCommit > COMMIT_INTERVAL_NANOS;
      if (open.isEmpty() && due && !pending.isEmpty()) {
        commit(pending, listener, tally);
        pendingEvents = 0;
        lastCommit = System.nanoTime();
      }
    }
    commit(pending, listener, tally);
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

  private void commit(List<CommittedFile> pending, IngestListener listener, Tally tally) {
    if (pending.isEmpty()) {
      return;
    }
    store.commit();
    for (CommittedFile c : pending) {
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

  /** Counters of one run, touched only by the writer thread. */
  private static final class Tally {
    int filesSeen;
    int filesRead;
    int filesUnchanged;
    int filesNotJson;
    int done;
    final List<FileFailure> failures = new ArrayList<>();
    final Map<LogFormat, Integer> formats = new EnumMap<>(LogFormat.class);
    long eventsRead;
    long eventsNew;
    long eventsDuplicate;
    long problems;
    long unknownFields;
    long untimed;
    long matches;

    IngestReport report(Duration elapsed) {
      return new IngestReport(filesSeen, filesRead, filesUnchanged, filesNotJson, failures,
          eventsRead, eventsNew, eventsDuplicate, problems, unknownFields, untimed, matches, formats, elapsed);
    }
  }
}
