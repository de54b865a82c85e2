// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.source.LogFile;
import dev.trailwatch.store.EventStore;
import dev.trailwatch.store.StoredFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * The files the readers read next: each chunk of the listing is compared with the ledger, and what it does not have
 * unchanged is queued, once per run, under a new file id. Used by the writer thread (readers only {@link #take}), so
 * the ledger is asked on the store's own connection. What it keeps is bounded by the files being read and not yet
 * committed, plus the files of this run that failed or held no JSON, which no ledger row records.
 */
final class ReadQueue {
  /** A file to read, or, with no file, the sign for a reader to stop. */
  record Task(@Nullable LogFile file, long id) {}

  private static final Task END = new Task(null, -1);
  private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
  private final EventStore store;
  private final Map<Long, String> reading = new HashMap<>(); // queued or being read: id → source
  private final Set<String> uncommitted = new HashSet<>(); // queued, being read, or read and not yet committed
  private final Set<Long> changed = new HashSet<>(); // read before in another version
  private final Set<String> unrecorded = new HashSet<>(); // failed or not JSON in this run: in no ledger row
  private int queued;
  private final Object gate = new Object();
  private boolean held; // guarded by gate: readers take no new file while a commit waits for the open ones to end

  ReadQueue(EventStore store) {
    this.store = store;
  }

  /**
   * Queues the files of {@code chunk} that need reading and returns the others: unchanged since the ledger's row, or
   * listed again in this run (two overlapping sources, a notification repeated).
   */
  int offer(List<LogFile> chunk) {
    Map<String, StoredFile> ledger = store.latestFiles(chunk.stream().map(LogFile::source).toList());
    int skipped = 0;
    for (LogFile f : chunk) {
      StoredFile before = ledger.get(f.source());
      if (uncommitted.contains(f.source()) || unrecorded.contains(f.source()) || unchanged(f, before)) {
        skipped++;
        continue;
      }
      long id = store.nextFileId();
      if (before != null) {
        changed.add(id);
      }
      reading.put(id, f.source());
      uncommitted.add(f.source());
      tasks.add(new Task(f, id));
      queued++;
    }
    return skipped;
  }

  private static boolean unchanged(LogFile f, @Nullable StoredFile k) {
    if (k == null || k.selection() != null && !k.selection().equals(f.selection().describe())) {
      return false; // an archive read in part is read again for other days, accounts or regions (or all of them)
    }
    if (f.etag().isPresent()) {
      return f.etag().get().equals(k.etag());
    }
    return k.size() == f.size() && f.lastModified().isPresent() && f.lastModified().get().equals(k.lastModified());
  }

  /** Files queued so far in this run. */
  int queued() {
    return queued;
  }

  /** Files queued and not yet taken by a reader. */
  int waiting() {
    return tasks.size();
  }

  /** True when the file had a ledger row in another version: its earlier problems go. */
  boolean changed(long id) {
    return changed.contains(id);
  }

  /** The file was read whole; its ledger row comes with the next commit ({@link #committed}). */
  void read(long id) {
    reading.remove(id);
    changed.remove(id);
  }

  /** The file failed or held no JSON: nothing records it, so it is not read again in this run. */
  void notRecorded(long id) {
    String source = reading.remove(id);
    changed.remove(id);
    if (source != null) {
      uncommitted.remove(source);
      unrecorded.add(source);
    }
  }

  /** The ledger now has the source's row: a later listing of it is compared with that. */
  void committed(String source) {
    uncommitted.remove(source);
  }

  /** The next file for a reader, once no commit is waiting; a task without a file once {@link #end} was called. */
  Task take() throws InterruptedException {
    synchronized (gate) {
      while (held) {
        gate.wait();
      }
    }
    return tasks.take();
  }

  /**
   * Readers finish the files they are reading and start no other until {@link #release}: a commit holds whole files
   * only, and with many readers some file is nearly always half-read, so a due commit could otherwise wait for the end
   * of the run (32 readers of 3,000 small files: no commit before the last file was read).
   */
  void hold() {
    synchronized (gate) {
      held = true;
    }
  }

  /** Readers take files again. */
  void release() {
    synchronized (gate) {
      held = false;
      gate.notifyAll();
    }
  }

  /** Tells {@code readers} readers to stop once the queue is empty. */
  void end(int readers) {
    for (int i = 0; i < readers; i++) {
      tasks.add(END);
    }
  }
}
