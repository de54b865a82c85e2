// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A queue that announces new log files (SQS). A received notification stays invisible to other readers while
 * it is held (the source keeps extending that for long files); it is removed only by {@link #settle}, once its
 * files are committed, so a crash at any point means it is delivered again, and the ledger makes the second
 * reading a no-op.
 */
public interface NotificationSource extends AutoCloseable {
  /** Waits up to {@code wait} for messages and returns what arrived, possibly nothing. */
  List<Notification> receive(Duration wait) throws IOException;

  /** The notification's files are committed, or it needs no reading: removes it from the queue. */
  void settle(Notification n) throws IOException;

  /** Stops holding the notification: it is delivered again later (and ends in the dead-letter queue if it keeps failing). */
  void leave(Notification n);

  /** What the user named, for messages. */
  String describe();

  @Override
  void close();
}
