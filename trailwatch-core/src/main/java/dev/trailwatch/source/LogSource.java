// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.util.List;

/** A place that holds log files: a local folder, an S3 prefix, the files a batch of notifications names. */
public interface LogSource {
  /** Every file currently there, in a stable order. */
  List<LogFile> list() throws IOException;

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
      public List<LogFile> list() {
        return copy;
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
