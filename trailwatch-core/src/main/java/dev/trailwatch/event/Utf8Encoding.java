// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A reader's characters as UTF-8 bytes. */
final class Utf8Encoding extends InputStream {
  private final Reader reader;
  private final CharsetEncoder encoder =
      StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final CharBuffer chars = CharBuffer.allocate(8192).flip();
  private final ByteBuffer bytes = ByteBuffer.allocate(3 * 8192 + 8).flip();
  private boolean ended;

  Utf8Encoding(Reader reader) {
    this.reader = reader;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!bytes.hasRemaining()) {
      if (ended && !chars.hasRemaining()) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, bytes.remaining());
    bytes.get(b, off, n);
    return n;
  }

  private void fill() throws IOException {
    chars.compact();
    int n = ended ? -1 : reader.read(chars);
    chars.flip();
    if (n < 0) {
      ended = true;
    }
    bytes.clear();
    encoder.encode(chars, bytes, ended); // room for every character: only a pair's first half can wait
    if (ended) {
      encoder.flush(bytes);
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
