// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestOptionsTest {
  /** The writer keeps a core of its own: on two cores a second reader only takes CPU from it. */
  @ParameterizedTest(name = "{0} processors: {1} readers")
  @CsvSource({"1, 1", "2, 1", "3, 2", "4, 2", "64, 2"})
  void readersLeaveACoreToTheWriter(int processors, int readers) {
    assertThat(IngestOptions.readersFor(processors)).isEqualTo(readers);
  }
}
