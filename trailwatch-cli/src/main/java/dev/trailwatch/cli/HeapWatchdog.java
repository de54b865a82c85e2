// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Ends the process, with the out-of-memory line, when the JVM spends nearly all its time collecting garbage while the
 * heap stays full. Such a JVM may never throw {@link OutOfMemoryError}: each collection frees just enough for the next
 * step, and G1 has no overhead limit, so a command short of heap can go on for hours doing nothing else (nor can it
 * act on a SIGTERM: the JVM needs heap for that too). Everything Trailwatch writes survives being stopped at any
 * moment (a store's commits hold whole files), as it does a kill. The watch allocates nothing once started: in such a
 * JVM even a small allocation can fail. It keeps a little heap in reserve (a thirty-second, at most 4 MiB) and gives
 * it back before it ends the JVM, which allocates too.
 */
final class HeapWatchdog {
  /** How long the collections must have taken nearly all the time. */
  static final long WINDOW_MILLIS = 30_000;
  private static final long EVERY_MILLIS = 1_000;
  private static final int KEPT = 64; // samples: more than the window's
  private static final double COLLECTING = 0.95;
  private static final double FULL = 0.85; // G1 keeps some regions free for itself: a stuck heap shows 90-92 % in use

  private final long[] millis = new long[KEPT];
  private final long[] collecting = new long[KEPT];
  private int count;
  private int next;

  HeapWatchdog() {}

  /**
   * Watches on a daemon thread; when the JVM is stuck collecting, writes {@code line} to {@code err} and halts with
   * exit 1 (no shutdown hooks: they would need the heap too).
   */
  static void start(String line, PrintStream err) {
    HeapWatchdog w = new HeapWatchdog();
    // made now, while there is room: with the heap full, loading a class or building a string can fail
    byte[] said = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
    GarbageCollectorMXBean[] collectors = ManagementFactory.getGarbageCollectorMXBeans().toArray(GarbageCollectorMXBean[]::new);
    Runtime r = Runtime.getRuntime();
    // room given back when the JVM is stuck: ending it needs a little heap too (Runtime.halt allocates)
    byte[][] reserve = {new byte[(int) Math.max(256 << 10, Math.min(4 << 20, r.maxMemory() / 32))]};
    Thread t = new Thread(() -> {
      boolean told = false;
      while (true) {
        try {
          Thread.sleep(EVERY_MILLIS);
          long spent = 0;
          for (GarbageCollectorMXBean gc : collectors) {
            spent += Math.max(0, gc.getCollectionTime());
          }
          if (w.stuck(System.nanoTime() / 1_000_000, spent, r.totalMemory() - r.freeMemory(), r.maxMemory())) {
            reserve[0] = null;
            try {
              if (!told) {
                told = true;
                err.write(said, 0, said.length);
                err.flush();
              }
            } finally {
              r.halt(ExitStatus.FAILURE.code()); // tried again next round if even this met the full heap
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // the process is ending
          return;
        } catch (OutOfMemoryError e) { // met by something this loop does not expect to allocate: look again
          continue;
        }
      }
    }, "trailwatch-heap-watchdog");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Adds a sample (the clock, the collections' total time, the heap in use and at most); true when, over the last
   * {@link #WINDOW_MILLIS}, collections took at least 95 % of the time and the heap is at least 85 % full now.
   */
  boolean stuck(long nowMillis, long collectingMillis, long used, long max) {
    millis[next] = nowMillis;
    collecting[next] = collectingMillis;
    next = (next + 1) % KEPT;
    count = Math.min(count + 1, KEPT);
    int first = -1; // the oldest sample within the window
    for (int i = 1; i <= count; i++) {
      int at = Math.floorMod(next - i, KEPT);
      if (nowMillis - millis[at] > WINDOW_MILLIS) {
        break;
      }
      first = at;
    }
    long elapsed = nowMillis - millis[first];
    if (elapsed < WINDOW_MILLIS * 9 / 10) {
      return false; // not watched long enough
    }
    return collectingMillis - collecting[first] >= COLLECTING * elapsed && used >= FULL * max;
  }
}
