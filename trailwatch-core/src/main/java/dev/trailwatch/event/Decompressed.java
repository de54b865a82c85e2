// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The content of compressed bytes, with every member or frame read ({@code cat a.gz b.gz}) and the decompressor's
 * complaints said in words a user can act on: xz's and zstd's refuse content that needs more memory than Trailwatch
 * allows them, as the xz and zstd tools do by default.
 */
final class Decompressed extends FilterInputStream {
  /**
   * What LZMA's dictionary (xz, 7z) may take: {@code xz -9} and {@code 7z -mx=9} need 64 MiB; a header asking for more
   * (up to 4 GiB) is refused, not obeyed.
   */
  static final int LZMA_MEMORY_KIB = 100 << 10;

  private final UnaryOperator<IOException> say;

  private Decompressed(InputStream content, UnaryOperator<IOException> say) {
    super(content);
    this.say = say;
  }

  /** The content of gzip-compressed bytes, every member of them ({@code cat a.gz b.gz}), also from a pipe. */
  static InputStream gzip(InputStream compressed) throws IOException {
    return new GZIPInputStream(new NeverDrained(compressed), 1 << 16);
  }

  /** The content of bzip2-compressed bytes, every stream of them. */
  static InputStream bzip2(InputStream compressed) throws IOException {
    return new BZip2CompressorInputStream(compressed, true);
  }

  /** The content of xz-compressed bytes, every stream of them. */
  static InputStream xz(InputStream compressed) throws IOException {
    InputStream xz = XZCompressorInputStream.builder().setInputStream(compressed).setDecompressConcatenated(true).setMemoryLimitKiB(LZMA_MEMORY_KIB).get();
    return new Decompressed(xz, e -> overMemoryLimit(e)
        ? new FileContent.CannotOpen("xz-compressed with a dictionary that needs more than " + (LZMA_MEMORY_KIB >> 10) + " MiB, more memory than "
            + "Trailwatch allows itself: decompress it (xz -d) and ingest the result", e)
        : e);
  }

  /** Whether an LZMA decoder (xz's, or commons-compress's around it) refused to take more than {@link #LZMA_MEMORY_KIB}. */
  static boolean overMemoryLimit(IOException e) {
    return e instanceof org.tukaani.xz.MemoryLimitException || e instanceof org.apache.commons.compress.MemoryLimitException;
  }

  /**
   * The content of zstd-compressed bytes, every frame of them, with zstd's own library (zstd-jni, whose native code
   * for the usual platforms is in the jar). As {@code zstd -d} does by default, a frame may ask for a window of up to
   * 128 MiB; one made with {@code zstd --long=28} or more asks for more and is named with what to do.
   *
   * @throws FileContent.CannotOpen when zstd's library cannot be loaded on this machine
   */
  static InputStream zstd(InputStream compressed) throws IOException {
    try {
      return new Decompressed(new ZstdInputStream(compressed), Decompressed::zstdSaid);
    } catch (LinkageError e) { // no native code for this platform, or a temporary folder it cannot be loaded from
      throw new FileContent.CannotOpen("zstd-compressed, and zstd's library could not be loaded here (" + e.getMessage()
          + "): decompress it (zstd -d) and ingest the result", new IOException(e));
    }
  }

  private static IOException zstdSaid(IOException e) {
    if (e instanceof ZstdIOException && e.getMessage() != null && e.getMessage().contains("too much memory")) {
      return new FileContent.CannotOpen("zstd-compressed with a window over 128 MiB (zstd --long=28 or more), more memory than "
          + "Trailwatch allows itself, as zstd -d does: decompress it (zstd -d --long=31) and ingest the result", e);
    }
    return e instanceof ZstdIOException ? new IOException("corrupt zstd data: " + e.getMessage(), e) : e;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw say.apply(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw say.apply(e);
    }
  }

  /**
   * Says more bytes may come until the stream has ended. The JDK's {@link GZIPInputStream} (before JDK 23,
   * JDK-7036144) looks for a further member of a concatenated gzip file ({@code cat a.gz b.gz}) only when
   * {@code available()} is above zero, which a pipe or a network stream often is not at that moment: the rest of the
   * file was silently lost. At the real end, the look for a further header meets the end and reading stops.
   */
  private static final class NeverDrained extends java.io.FilterInputStream {
    NeverDrained(InputStream in) {
      super(in);
    }

    @Override
    public int available() throws IOException {
      return Math.max(1, super.available());
    }
  }
}
