// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.ingest.IngestListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/** A progress bar on stderr (files, events, events/s) when a terminal is attached; nothing otherwise. */
final class Progress implements AutoCloseable {
  private final @Nullable ProgressBar bar;
  private final long started = System.nanoTime();
  private long events;

  private Progress(@Nullable ProgressBar bar) {
    this.bar = bar;
  }

  static Progress start(boolean terminal) {
    return terminal ? start(System.err) : new Progress(null);
  }

  /** Progress drawn on {@code out}. */
  static Progress start(PrintStream out) {
    return new Progress(bar("ingest", " files", out));
  }

  /** A bar over {@code unit}s on stderr, for long work on a terminal. */
  static ProgressBar bar(String task, String unit) {
    return bar(task, unit, System.err);
  }

  /**
   * Redrawn every 250 ms even while no file finishes: files finish in bursts (at each commit, every 250,000
   * events by default), and the events count and rate in between are what shows the work is moving.
   */
  private static ProgressBar bar(String task, String unit, PrintStream out) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setUnit(unit, 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(out))
        .setUpdateIntervalMillis(250)
        .continuousUpdate()
        .build();
  }

  IngestListener listener() {
    ProgressBar b = bar;
    if (b == null) {
      return IngestListener.NONE;
    }
    return new IngestListener() {
      @Override
      public void listed(int files) {
        b.maxHint(files);
      }

      @Override
      public void parsed(int n) {
        events += n;
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        b.setExtraMessage(String.format(Locale.ROOT, "%,d events, %,.0f/s", events, events / seconds));
      }

      @Override
      public void fileFinished(int done) {
        b.stepTo(done);
      }
    };
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
