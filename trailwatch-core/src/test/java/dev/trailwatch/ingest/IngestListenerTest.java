// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestListenerTest {
  /** Writes down what it is told, under a name. */
  private static IngestListener recorder(String name, List<String> said) {
    return new IngestListener() {
      @Override
      public void listed(int files) {
        said.add(name + " listed " + files);
      }

      @Override
      public void parsed(int events) {
        said.add(name + " parsed " + events);
      }

      @Override
      public void fileFinished(int done) {
        said.add(name + " finished " + done);
      }

      @Override
      public void committed(CommittedFile file) {
        said.add(name + " committed " + file.eventsNew());
      }
    };
  }

  @Test
  void andThenTellsBothInOrder() {
    List<String> said = new ArrayList<>();
    IngestListener both = recorder("a", said).andThen(recorder("b", said));
    both.listed(2);
    both.parsed(10);
    both.committed(new CommittedFile(null, 7, 0));
    both.fileFinished(1);
    assertThat(said).containsExactly("a listed 2", "b listed 2", "a parsed 10", "b parsed 10", "a committed 7", "b committed 7",
        "a finished 1", "b finished 1");
  }
}
