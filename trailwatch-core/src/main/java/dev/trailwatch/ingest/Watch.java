// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.source.NotificationSource;
import dev.trailwatch.store.EventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Ingest and detection that keep going ({@code trailwatch watch}, {@code serve --watch}): folders and
 * buckets are listed again every interval (a bucket in CloudTrail's layout, after its first full listing,
 * only in its recent date folders), queues are long-polled between listings. One thread writes to the
 * store, which it opens itself (the store's appenders belong to the thread that made them). {@link #close} is graceful: the round in progress finishes (its files commit, its messages are
 * removed from the queue), then the thread stops; what a kill interrupts is read again next time.
 */
public final class Watch implements AutoCloseable {
  /** How long one receive waits for messages: short, so that stopping is quick. */
  private static final Duration QUEUE_WAIT = Duration.ofSeconds(2);

  private final List<LogSource> polled;
  private final List<NotificationSource> queues;
  private final Supplier<EventStore> opener;
  private final RuleEngine rules;
  private final IngestOptions options;
  private final Duration interval;
  private final Consumer<String> report;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile @Nullable String failure;
  /** The failure last said for each polled source (by its description); touched only by the watch's thread. */
  private final Map<String, String> troubles = new HashMap<>();

  /**
   * @param opener opens the store, on the watch's thread; the watch closes it when it stops
   * @param interval how often folders and buckets are listed
   * @param report receives a line per round that found something, and when a source's failure starts, changes or ends
   */
  public Watch(Supplier<EventStore> opener, List<LogSource> polled, List<NotificationSource> queues, RuleEngine rules, IngestOptions options,
      Duration interval, Consumer<String> report) {
    this.opener = opener;
    this.rules = rules;
    this.options = options;
    this.polled = new ArrayList<>(polled);
    this.queues = List.copyOf(queues);
    this.interval = interval;
    this.report = report;
    this.thread = new Thread(this::loop, "trailwatch-watch");
  }

  public Watch start() {
    thread.start();
    return this;
  }

  private void loop() {
    try (EventStore store = opener.get()) {
      IngestPipeline pipeline = new IngestPipeline(store, options, rules);
      loop(store, pipeline, new NotificationIngest(store, pipeline));
    } catch (RuntimeException e) { // the store cannot be opened or is broken: nothing more can be done
      failure = String.valueOf(e.getMessage());
      report.accept("watch: stopped: " + failure);
    }
  }

  private void loop(EventStore store, IngestPipeline pipeline, NotificationIngest notifications) {
    long nextListing = System.nanoTime();
    while (running) {
      try {
        if (System.nanoTime() - nextListing >= 0) {
          nextListing = System.nanoTime() + interval.toNanos();
          listAll(store, pipeline);
        }
        for (NotificationSource q : queues) {
          if (running) {
            receive(store, notifications, q);
          }
        }
        if (queues.isEmpty()) {
          Thread.sleep(Math.max(0, Math.min(200, (nextListing - System.nanoTime()) / 1_000_000)));
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void listAll(EventStore store, IngestPipeline pipeline) throws InterruptedException {
    for (int i = 0; i < polled.size() && running; i++) {
      LogSource source = polled.get(i);
      try {
        FirstFiles withProblems = FirstFiles.withProblems(1);
        IngestReport r = pipeline.run(List.of(source), withProblems);
        if (r.whole()) { // a file that failed is listed again, wherever it is; so is the rest of a listing cut off
          polled.set(i, source.forPolling());
        }
        trouble(source.describe(), r.whole() ? null : whatFailed(r));
        if (r.filesRead() > 0) {
          report.accept("watch: " + source.describe() + ": " + counts(r) + firstProblem(store, withProblems));
        }
      } catch (RuntimeException e) { // a boundary: report, keep watching, try again next round
        store.rollback();
        trouble(source.describe(), String.valueOf(e.getMessage()));
      }
    }
  }

  private void receive(EventStore store, NotificationIngest notifications, NotificationSource q) throws InterruptedException {
    try {
      FirstFiles withProblems = FirstFiles.withProblems(1);
      NotificationIngest.Round r = notifications.once(q, QUEUE_WAIT, withProblems);
      trouble(q.describe(), null);
      if (r.messages() > 0) {
        report.accept(String.format(Locale.ROOT, "watch: %s: %s (%d done, %d needed no reading, %d unusable, %d to retry); %s%s",
            q.describe(), Count.of(r.messages(), "message"), r.settled(), r.ignored(), r.unusable(), r.retried(), files(r.ingest()),
            firstProblem(store, withProblems)));
      }
    } catch (java.io.IOException | RuntimeException e) { // a boundary, as above; wait a little so a dead queue is not hammered
      store.rollback();
      trouble(q.describe(), String.valueOf(e.getMessage()));
      Thread.sleep(QUEUE_WAIT.toMillis());
    }
  }

  /** Says a source's failure when it starts or changes, and when it ends: a lasting one is not repeated every round. */
  private void trouble(String source, @Nullable String what) {
    String before = what == null ? troubles.remove(source) : troubles.put(source, what);
    if (what != null && !what.equals(before)) {
      report.accept("watch: " + source + ": " + what);
    } else if (what == null && before != null) {
      report.accept("watch: " + source + ": read again without failures");
    }
  }

  /** "cannot list: REASON; cannot read: FILE: REASON; …", the same words every round while nothing changes. */
  private static String whatFailed(IngestReport r) {
    return Stream.concat(r.unlisted().stream().map(f -> "cannot list: " + f.reason()),
        r.failures().isEmpty() ? Stream.of()
            : Stream.of("cannot read: " + r.failures().stream().map(FileFailure::toString).sorted().collect(Collectors.joining("; "))))
        .collect(Collectors.joining("; "));
  }

  private static String counts(IngestReport r) {
    return Count.of(r.filesRead(), "file") + ", " + Count.of(r.eventsNew(), "new event") + ", " + Count.of(r.matches(), "rule match", "rule matches")
        + ", " + Count.of(r.problems(), "problem");
  }

  /** The round's first problem, so that it is read where it is counted: " (first: FILE, byte N: REASON)". */
  private static String firstProblem(EventStore store, FirstFiles files) {
    return store.problemsOf(files.ids(), 1).stream().map(p -> " (first: " + p + ")").findFirst().orElse("");
  }

  private static String files(IngestReport r) {
    return counts(r) + (r.failures().isEmpty() ? "" : ", cannot read: " + r.failures());
  }

  /** Waits until the watch stops: {@link #close} was called, or the store failed. */
  public void join() throws InterruptedException {
    thread.join();
  }

  /** Why the watch stopped by itself (its store could not be opened or broke), if it did. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Lets the round in progress finish, then stops (interrupting it only if it takes over a minute). */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(60_000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
