// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.testkit;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting in tests for something another thread or process does (a watch picking up a file). */
public final class Await {
  private Await() {}

  /** A condition that may need I/O to check. */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  /**
   * Checks every 50 ms until {@code condition} holds; after {@code timeout}, fails with {@code what} and what
   * {@code state} says then.
   */
  public static void until(Duration timeout, String what, Check condition, Supplier<String> state) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s; " + state.get());
      }
      Thread.sleep(50);
    }
  }
}
