// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

/** Receives what a {@link LogFileParser} finds, in file order, on the parsing thread. */
public interface RecordSink {
  /** A good record. */
  void accept(CloudTrailEvent event);

  /** A bad record or a broken part of the file; parsing goes on after it where it can. */
  void problem(ParseProblem problem);
}
