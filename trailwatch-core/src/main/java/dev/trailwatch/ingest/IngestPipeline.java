// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.store.EventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sources to store: lists the files on a thread of its own, skips those the ledger already has unchanged, parses the
 * rest on worker threads as they are listed and commits them on the calling thread in groups of whole files. Every arrow of the data
 * flow is here; the CLI and the web layer only call {@link #run}.
 */
public final class IngestPipeline {
  /**
   * Files from the network are read by at least this many threads: each mostly waits for bytes, so several
   * downloads overlap; memory stays bounded by the reader-to-writer queue and one buffer per thread. 32 rather than 8:
   * with each request 40 ms away, 500k events in 4,455 objects took 30.4 s with 8, 12.6 to 18.0 s with 32 and 12.0 s
   * with 64 (bench/s3-latency.sh, BENCHMARKS.md). So many readers need {@link ReadQueue#hold} to commit often.
   */
  static final int REMOTE_READERS = 32;

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
   * Ingests every new or changed file of the sources. Listing, reading and writing overlap: files are read as the
   * listing finds them, so memory does not grow with the number of files listed. A source that cannot be listed, whole
   * or in part, does not stop the others: the report names it ({@link IngestReport#unlisted}).
   *
   * @throws InterruptedException when the calling thread is interrupted; committed files stay committed
   */
  public IngestReport run(List<LogSource> sources, IngestListener listener) throws InterruptedException {
    long started = System.nanoTime();
    Tally tally = new Tally();
    if (!correlationsDefined) {
      store.defineCorrelations(rules.correlations(), rules.correlatedRuleIds());
      store.commit();
      correlationsDefined = true;
    }
    boolean remote = sources.stream().anyMatch(LogSource::remote);
    int readers = remote ? Math.max(options.readers(), REMOTE_READERS) : options.readers();
    try (Listing listing = Listing.start(sources)) {
      readAndCommit(listing, readers, listener, tally);
      listing.rethrowError();
      return tally.report(listing.unlisted(), Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private void readAndCommit(Listing listing, int readers, IngestListener listener, Tally tally) throws InterruptedException {
    StagedQueue queue = new StagedQueue(options.queueCapacity());
    FileReader reader = new FileReader(parser, rules, queue, options.batchSize());
    ReadQueue toRead = new ReadQueue(store);
    ExecutorService workers = Executors.newFixedThreadPool(readers, r -> {
      Thread t = new Thread(r, "trailwatch-reader");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < readers; w++) {
      running.add(workers.submit(() -> {
        for (ReadQueue.Task t = toRead.take(); t.file() != null; t = toRead.take()) {
          reader.read(t.file(), t.id());
        }
        return null;
      }));
    }
    workers.shutdown();
    try {
      new IngestWriter(store, options, queue, toRead, running, listener, tally).run(listing);
      toRead.end(readers);
      IngestWriter.rethrowReaderFailure(running); // waits for the readers to stop
    } finally {
      workers.shutdownNow(); // when the writer failed: readers are stopped wherever they are
    }
  }
}
