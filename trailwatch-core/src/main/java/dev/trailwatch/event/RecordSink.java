// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.util.function.Consumer;

/** Receives what a {@link LogFileParser} finds, in file order, on the parsing thread. */
public interface RecordSink {
  /** A good record. */
  void accept(CloudTrailEvent event);

  /** A bad record or a broken part of the file; parsing goes on after it where it can. */
  void problem(ParseProblem problem);

  /** A sink that hands records to {@code records} and problems to {@code problems}. */
  static RecordSink of(Consumer<? super CloudTrailEvent> records, Consumer<? super ParseProblem> problems) {
    return new RecordSink() {
      @Override
      public void accept(CloudTrailEvent event) {
        records.accept(event);
      }

      @Override
      public void problem(ParseProblem problem) {
        problems.accept(problem);
      }
    };
  }
}
