// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The sources' listings, walked on a thread of their own into a bounded queue: reading starts with the first file
 * listed, and an ingest holds at most {@link #CAPACITY} listed files however many the sources hold (a whole bucket of
 * an organization's trails is millions). A source that cannot be listed, whole or in part, does not stop the others:
 * its failure is kept for the run's report ({@link #unlisted}), and what it listed before failing is read.
 */
final class Listing implements AutoCloseable {
  static final int CAPACITY = 8_192;
  private final BlockingQueue<LogFile> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private volatile boolean over;
  private final List<FileFailure> unlisted = new CopyOnWriteArrayList<>();
  private volatile @Nullable Error error;

  private Listing(List<LogSource> sources) {
    this.thread = new Thread(() -> walk(sources), "trailwatch-lister");
    thread.setDaemon(true);
  }

  static Listing start(List<LogSource> sources) {
    Listing l = new Listing(sources);
    l.thread.start();
    return l;
  }

  private void walk(List<LogSource> sources) {
    try {
      for (LogSource source : sources) {
        try {
          source.list(queue::put);
        } catch (IOException | RuntimeException e) { // a boundary: the other sources are still listed and read
          unlisted.add(FileFailure.of(source.describe(), e));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the ingest ended early (closed): nothing more is wanted
    } catch (Error e) { // out of heap: what was listed is read, then the ingest ends with it instead of passing for whole
      error = e;
    } finally {
      over = true;
    }
  }

  /**
   * Up to {@code max} listed files, waiting at most {@code millis} for the first; empty when none came in that time,
   * null when every source was listed and every file taken.
   */
  @Nullable List<LogFile> next(int max, long millis) throws InterruptedException {
    boolean ended = over; // read before the queue: every file was queued before the flag was set
    if (millis == 0 && !ended && queue.isEmpty()) {
      return List.of(); // asked between the writer's messages: nothing new, nothing made
    }
    List<LogFile> out = new ArrayList<>();
    if (queue.drainTo(out, max) == 0) {
      if (ended) {
        return null;
      }
      LogFile first = queue.poll(millis, TimeUnit.MILLISECONDS);
      if (first != null) {
        out.add(first);
        queue.drainTo(out, max - 1);
      }
    }
    return out;
  }

  /** Throws the error (out of heap) that stopped the listing, if one did: the ingest did not see every file. */
  void rethrowError() {
    Error e = error;
    if (e != null) {
      throw e;
    }
  }

  /** The sources whose listing failed so far, in the order they failed. */
  List<FileFailure> unlisted() {
    return List.copyOf(unlisted);
  }

  /**
   * Stops the walk if it is still going (the ingest ended early). A request to a remote source may not heed the
   * interrupt at once: the thread is a daemon, so it is waited for a little only.
   */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the caller is being stopped too: it sees the flag
    }
  }
}
