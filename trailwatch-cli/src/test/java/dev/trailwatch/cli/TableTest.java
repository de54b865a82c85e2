// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void numbersLineUpOnTheRightAndTextOnTheLeft() {
    Table t = new Table(List.of("region", "events", "note"));
    t.add(List.of("us-east-1", "13,983", "x"));
    t.add(List.of("ap-southeast-2", "148", "NULL"));
    t.add(List.of("eu-west-1", "NULL", "a longer note"));
    StringWriter s = new StringWriter();
    t.print(new PrintWriter(s, true));
    assertThat(s.toString().lines()).containsExactly(
        "region          events  note",
        "--------------  ------  -------------",
        "us-east-1       13,983  x",
        "ap-southeast-2     148  NULL",
        "eu-west-1         NULL  a longer note");
  }
}
