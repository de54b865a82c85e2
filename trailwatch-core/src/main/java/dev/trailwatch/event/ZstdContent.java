// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The content of zstd-compressed bytes (every frame of them), with aircompressor's pure Java decoder. Its complaints
 * about bad data are unchecked exceptions; here they are {@link IOException}s, as every other decompressor's are,
 * so that broken data is a problem of the file and not a failure of Trailwatch.
 */
final class ZstdContent extends InputStream {
  private final ZstdInputStream zstd;

  ZstdContent(InputStream compressed) {
    this.zstd = new ZstdInputStream(compressed);
  }

  @Override
  public int read() throws IOException {
    try {
      return zstd.read();
    } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IOException("corrupt zstd data: " + e.getMessage(), e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return zstd.read(b, off, len);
    } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IOException("corrupt zstd data: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    zstd.close();
  }
}
