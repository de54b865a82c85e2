// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.ingest.CommittedFile;
import dev.trailwatch.ingest.Count;
import dev.trailwatch.ingest.IngestListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says, when an ingest is stopped half-way (Ctrl-C, SIGTERM), what was kept and how to go on: committed files
 * stay, and the same command reads the rest. Without it the process ended in silence.
 */
final class StopNotice implements AutoCloseable {
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final Thread hook = new Thread(this::say, "trailwatch-stop-notice");
  private volatile boolean finished;

  private StopNotice() {}

  /** Watches the run until {@link #close}. */
  static StopNotice start() {
    StopNotice n = new StopNotice();
    Runtime.getRuntime().addShutdownHook(n.hook);
    return n;
  }

  /** Counts what is committed on the way. */
  IngestListener listener() {
    return new IngestListener() {
      @Override
      public void committed(CommittedFile file) {
        files.incrementAndGet();
        events.addAndGet(file.eventsNew());
      }
    };
  }

  private void say() {
    if (!finished) {
      System.err.println("\ntrailwatch: stopped; " + Count.of(files.get(), "file") + " (" + Count.of(events.get(), "new event")
          + ") committed and kept; run the same command again to read the rest");
      System.err.flush();
    }
  }

  @Override
  public void close() {
    finished = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return; // the JVM is already stopping: the hook runs and, the run having finished, says nothing
    }
  }
}
