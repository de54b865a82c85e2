// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The content of zstd-compressed bytes, every frame of them, with zstd's own library (zstd-jni, whose native code for
 * the usual platforms is in the jar). As the zstd tool does by default, a frame may ask for a window of up to 128 MiB;
 * one made with {@code zstd --long=31} asks for more and is named with what to do, as the tool would.
 */
final class ZstdContent extends FilterInputStream {
  private ZstdContent(InputStream zstd) {
    super(zstd);
  }

  /**
   * The content of {@code compressed}.
   *
   * @throws FileContent.CannotOpen when zstd's library cannot be loaded on this machine
   */
  static InputStream over(InputStream compressed) throws IOException {
    try {
      return new ZstdContent(new ZstdInputStream(compressed));
    } catch (LinkageError e) { // no native code for this platform, or a temporary folder it cannot be loaded from
      throw new FileContent.CannotOpen("zstd-compressed, and zstd's library could not be loaded here (" + e.getMessage()
          + "): decompress it (zstd -d) and ingest the result", new IOException(e));
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (ZstdIOException e) {
      throw said(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (ZstdIOException e) {
      throw said(e);
    }
  }

  private static IOException said(ZstdIOException e) {
    if (e.getMessage() != null && e.getMessage().contains("too much memory")) {
      return new FileContent.CannotOpen("zstd-compressed with a window over 128 MiB (zstd --long=28 or more), more memory than "
          + "Trailwatch allows itself, as zstd -d does: decompress it (zstd -d --long=31) and ingest the result", e);
    }
    return new IOException("corrupt zstd data: " + e.getMessage(), e);
  }
}
