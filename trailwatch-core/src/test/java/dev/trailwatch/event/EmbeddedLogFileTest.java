// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddedLogFileTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "{\"Records\":[{\"eventVersion\":\"1.08\"}]}|true",
    "  [{\"eventVersion\":\"1.08\"}]|true",
    "\n{\"hits\":{\"hits\":[]}}|true",
    "[]|true",
    "{\"level\":\"info\",\"msg\":\"request served\",\"n\":1}|false",
    "{}|false",
    "START RequestId: 1 [INFO]|false",
    "'   '|false",
  })
  void onlyTextsThatCanHoldRecordsInsideThemAreScanned(String text, boolean scanned) {
    assertThat(EmbeddedLogFile.mayBeOne(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(scanned);
  }
}
