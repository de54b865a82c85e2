// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;

/** A place that holds log files: a local folder, an S3 prefix, the files a batch of notifications names. */
public interface LogSource {
  /** Takes the files a listing finds; may wait while the reading is behind, which is what bounds an ingest's memory. */
  @FunctionalInterface
  interface Sink {
    void accept(LogFile file) throws InterruptedException;
  }

  /**
   * Hands every file currently there to {@code sink} as the listing finds it, in a stable order, so that reading can
   * start at the first file and no listing, however long, is held in memory.
   *
   * @throws IOException when the source cannot be listed (a missing folder); what was handed over stays handed over
   */
  void list(Sink sink) throws IOException, InterruptedException;

  /** Every file currently there, in a stable order, held in a list: for small sources and tests. */
  default List<LogFile> list() throws IOException {
    List<LogFile> files = new ArrayList<>();
    try {
      list(files::add);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while listing " + describe());
    }
    return files;
  }

  /** What the user named, for messages. */
  String describe();

  /**
   * The source to list on later rounds of a watch, asked after each round whose files were all read (none failed, so
   * none needs listing again): the same by default; a bucket in CloudTrail's layout lists only its recent date
   * folders, and a local folder passes over the day folders that have settled.
   */
  default LogSource forPolling() {
    return this;
  }

  /** True when files come over the network, so reading more of them at once pays. */
  default boolean remote() {
    return false;
  }

  /** A fixed list of files. */
  static LogSource of(String name, List<LogFile> files, boolean remote) {
    List<LogFile> copy = List.copyOf(files);
    return new LogSource() {
      @Override
      public void list(Sink sink) throws InterruptedException {
        for (LogFile f : copy) {
          sink.accept(f);
        }
      }

      @Override
      public String describe() {
        return name;
      }

      @Override
      public boolean remote() {
        return remote;
      }
    };
  }
}
