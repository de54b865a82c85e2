// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** A reader's characters as UTF-8 bytes. */
final class Utf8Encoding extends RefillingStream {
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
  protected @Nullable ByteBuffer next() throws IOException {
    if (ended && !chars.hasRemaining()) {
      return null;
    }
    fill();
    return bytes;
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
