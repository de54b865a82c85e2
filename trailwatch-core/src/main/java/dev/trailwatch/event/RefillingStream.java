// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** A stream of bytes that its subclass prepares a buffer at a time (transcoded, rewritten). */
abstract class RefillingStream extends InputStream {
  private ByteBuffer ready = ByteBuffer.allocate(0);

  /**
   * The next bytes to hand out, once all those before are handed out: possibly none yet (then it is asked again),
   * or null at the end.
   */
  protected abstract @Nullable ByteBuffer next() throws IOException;

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
    while (!ready.hasRemaining()) {
      ByteBuffer more = next();
      if (more == null) {
        return -1;
      }
      ready = more;
    }
    int n = Math.min(len, ready.remaining());
    ready.get(b, off, n);
    return n;
  }
}
