// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.event.ParseProblem;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import dev.trailwatch.source.Notification;
import dev.trailwatch.source.NotificationSource;
import dev.trailwatch.store.EventStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Notifications to store: receives a batch, reads the files it names through the {@link IngestPipeline}, and
 * removes from the queue exactly the messages whose files are all committed (or already in the ledger).
 * Messages that cannot be used are written to the {@code problems} table once and left on the queue for its
 * dead-letter policy; messages whose files failed to read are left to be delivered again.
 */
public final class NotificationIngest {
  private final EventStore store;
  private final IngestPipeline pipeline;
  private final Set<String> reported = new HashSet<>();

  /** Reads the announced files with {@code pipeline}, which writes to {@code store}. */
  public NotificationIngest(EventStore store, IngestPipeline pipeline) {
    this.store = store;
    this.pipeline = pipeline;
  }

  /**
   * What one round did.
   *
   * @param messages messages received
   * @param settled messages removed from the queue (files committed, or nothing to read)
   * @param ignored of those, messages that needed no reading (test events, validation messages, removals)
   * @param unusable messages left on the queue because they cannot be used (reported in {@code problems})
   * @param retried messages left on the queue because a file they name could not be read
   * @param ingest the ingest of the named files
   */
  public record Round(int messages, int settled, int ignored, int unusable, int retried, IngestReport ingest) {
    static final Round NONE = new Round(0, 0, 0, 0, 0, IngestReport.nothing());

    Round plus(Round o) {
      return new Round(messages + o.messages, settled + o.settled, ignored + o.ignored, unusable + o.unusable, retried + o.retried,
          ingest.plus(o.ingest));
    }
  }

  /**
   * Handles what the queue holds now ({@code ingest sqs://…}): receives until a receive brings nothing new;
   * messages left on the queue (unusable, or to retry) are not waited for a second time.
   */
  public Round drain(NotificationSource queue, Duration wait, IngestListener listener) throws IOException, InterruptedException {
    Round total = Round.NONE;
    Set<String> seen = new HashSet<>();
    while (true) {
      Set<String> before = Set.copyOf(seen);
      Round r = once(queue, wait, listener, seen);
      total = total.plus(r);
      if (r.messages() == 0 || before.containsAll(seen)) {
        return total;
      }
    }
  }

  /** Receives once (waiting up to {@code wait}) and handles what arrived. */
  public Round once(NotificationSource queue, Duration wait, IngestListener listener) throws IOException, InterruptedException {
    return once(queue, wait, listener, new HashSet<>());
  }

  private Round once(NotificationSource queue, Duration wait, IngestListener listener, Set<String> ids) throws IOException, InterruptedException {
    List<Notification> batch = queue.receive(wait);
    batch.forEach(n -> ids.add(n.id()));
    List<LogFile> files = new ArrayList<>();
    for (Notification n : batch) {
      files.addAll(n.files());
    }
    IngestReport report = files.isEmpty() ? IngestReport.nothing() : pipeline.run(List.of(LogSource.of(queue.describe(), files, true)), listener);
    Set<String> failed = new HashSet<>();
    report.failures().forEach(f -> failed.add(f.source()));
    int settled = 0;
    int ignored = 0;
    int unusable = 0;
    int retried = 0;
    boolean newProblems = false;
    for (Notification n : batch) {
      if (n.problem() != null) {
        if (reported.add(n.source())) {
          store.addProblems(store.nextFileId(), n.source(), List.of(new ParseProblem(-1, -1, n.problem(), n.body())));
          newProblems = true;
        }
        queue.leave(n);
        unusable++;
      } else if (n.files().stream().anyMatch(f -> failed.contains(f.source()))) {
        queue.leave(n);
        retried++;
      } else {
        queue.settle(n);
        settled++;
        if (n.ignored() != null) {
          ignored++;
        }
      }
    }
    if (newProblems) {
      store.commit();
    }
    return new Round(batch.size(), settled, ignored, unusable, retried, report);
  }
}
