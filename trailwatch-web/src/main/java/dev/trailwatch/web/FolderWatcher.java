// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.ingest.IngestListener;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.IngestPipeline;
import dev.trailwatch.ingest.IngestReport;
import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code serve --watch}: polls folders and ingests new or changed files into the database the server has
 * open, in the same process, so serving and ingesting never fight over the file. One background thread;
 * a failed round is reported and the next round tries again.
 */
public final class FolderWatcher implements AutoCloseable {
  private final Thread thread;
  private volatile boolean running = true;

  public FolderWatcher(DashboardServer server, Path dataDir, List<Path> folders, RuleEngine rules, Duration every, Consumer<String> report) {
    List<LogSource> sources = new ArrayList<>();
    for (Path f : folders) {
      sources.add(new LocalDirectorySource(f));
    }
    this.thread = new Thread(() -> {
      while (running) {
        try (DuckDbEventStore store = DuckDbEventStore.sharing(server.database(), dataDir)) {
          IngestReport r = new IngestPipeline(store, IngestOptions.defaults(), rules).run(sources, IngestListener.NONE);
          if (r.filesRead() > 0 || !r.failures().isEmpty()) {
            report.accept(String.format(java.util.Locale.ROOT, "watch: %d files, %d new events, %d rule matches, %d problems%s",
                r.filesRead(), r.eventsNew(), r.matches(), r.problems(), r.failures().isEmpty() ? "" : ", cannot read: " + r.failures()));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) { // a boundary: report, keep serving, try again next round
          report.accept("watch: " + e.getMessage());
        }
        try {
          Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }, "trailwatch-watch");
    thread.setDaemon(true);
  }

  public FolderWatcher start() {
    thread.start();
    return this;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
