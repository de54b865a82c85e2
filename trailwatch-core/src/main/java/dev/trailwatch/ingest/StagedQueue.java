// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The bounded hand-over from readers to the writer: it bounds memory whatever the input size. */
final class StagedQueue {
  private final BlockingQueue<Staged> queue;

  StagedQueue(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  void put(Staged s) throws InterruptedException {
    queue.put(s);
  }

  /** For parser callbacks, which cannot throw checked exceptions; keeps the interrupt flag. */
  void putUninterruptibly(Staged s) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(s);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Nullable Staged poll(long millis) throws InterruptedException {
    return queue.poll(millis, TimeUnit.MILLISECONDS);
  }
}
