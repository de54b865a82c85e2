// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.util.List;

/** A place that holds log files: a local folder, an S3 prefix, a queue of notifications. */
public interface LogSource {
  /** Every file currently there, in a stable order. */
  List<LogFile> list() throws IOException;

  /** What the user named, for messages. */
  String describe();
}
