// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/** The first bytes of some decompressed content, looked at to tell what it is, and all of the content. */
record Peeked(byte[] head, InputStream content) {
  /**
   * Up to {@code n} first bytes of decompressed content, and the content from its start again. Content broken within
   * them gives the bytes before the break, then the same error again, for the parser to report where it is (a
   * decompressor asked again after an error may only say that its input is gone).
   *
   * @throws FileContent.CannotOpen when the content cannot be opened at all: that is its whole story
   */
  static Peeked of(InputStream decompressed, int n) throws IOException {
    byte[] head = new byte[n];
    int got = 0;
    try {
      for (int r; got < n && (r = decompressed.read(head, got, n - got)) >= 0; ) {
        got += r;
      }
    } catch (FileContent.CannotOpen e) {
      throw e;
    } catch (IOException e) { // bad data
      byte[] before = Arrays.copyOf(head, got);
      return new Peeked(before, new SequenceInputStream(new ByteArrayInputStream(before), new Failing(e)));
    }
    // Pushed back, not joined by a SequenceInputStream: that would close the decompressor at its end, and with it an
    // archive whose entry it reads
    PushbackInputStream content = new PushbackInputStream(decompressed, Math.max(1, got));
    content.unread(head, 0, got);
    return new Peeked(got == n ? head : Arrays.copyOf(head, got), content);
  }

  /** A stream that fails as its source once did. */
  private static final class Failing extends InputStream {
    private final IOException failure;

    Failing(IOException failure) {
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      throw failure;
    }
  }
}
