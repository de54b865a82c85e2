// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.jspecify.annotations.Nullable;

/**
 * A 7z archive, read as the zip and tar archives are. 7z keeps its index at its end, so commons-compress reads it
 * from a file it can seek in, not from a stream: the archive is held in memory, up to {@link #MAX_BYTES}, and a larger
 * one is copied to a temporary file, removed when the archive is closed.
 */
final class SevenZArchive extends ArchiveInputStream<SevenZArchiveEntry> {
  /**
   * The largest archive held in memory. 7z packs CloudTrail's JSON 20 to 40 times: 256 MiB holds several gigabytes of
   * logs. Never more than a quarter of the heap, as two readers may each hold one.
   */
  private static final int MAX_BYTES = (int) Math.min(256 << 20, Runtime.getRuntime().maxMemory() / 4);

  private final SevenZFile file;

  private SevenZArchive(SevenZFile file) {
    this.file = file;
  }

  /**
   * The archive whose bytes {@code in} gives.
   *
   * @throws FileContent.CannotOpen when its bytes are no 7z archive that can be opened, or too many to copy to a
   *     temporary file
   * @throws IOException when {@code in} fails
   */
  static SevenZArchive read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length <= MAX_BYTES) {
      return open(SevenZFile.builder().setByteArray(bytes), null);
    }
    Path copy = copied(bytes, in);
    SeekableByteChannel channel = Files.newByteChannel(copy, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
    return open(SevenZFile.builder().setSeekableByteChannel(channel), channel);
  }

  /** A temporary file holding {@code head}, then the rest of {@code in}. */
  private static Path copied(byte[] head, InputStream in) throws IOException {
    Path copy;
    try {
      copy = Files.createTempFile("trailwatch-", ".7z");
    } catch (IOException e) {
      throw cannotCopy(e);
    }
    try (OutputStream out = Files.newOutputStream(copy)) {
      write(out, head, head.length);
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) != -1; ) { // a failing source is the source's failure, told apart by its owner
        write(out, buf, n);
      }
      return copy;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(copy);
      throw e;
    }
  }

  private static void write(OutputStream out, byte[] buf, int n) throws FileContent.CannotOpen {
    try {
      out.write(buf, 0, n);
    } catch (IOException e) {
      throw cannotCopy(e);
    }
  }

  private static FileContent.CannotOpen cannotCopy(IOException e) {
    return new FileContent.CannotOpen("a 7z archive over " + (MAX_BYTES >> 20) + " MiB, which Trailwatch reads from a copy in "
        + System.getProperty("java.io.tmpdir") + ", and could not copy there: " + e.getMessage() + " (unpack it and ingest the folder)", e);
  }

  private static SevenZArchive open(SevenZFile.Builder builder, @Nullable SeekableByteChannel channel) throws IOException {
    try {
      return new SevenZArchive(builder.setMaxMemoryLimitKiB(Decompressed.LZMA_MEMORY_KIB).get());
    } catch (IOException e) {
      if (channel != null) {
        channel.close(); // and so the copy is removed
      }
      if (Decompressed.overMemoryLimit(e)) {
        throw tooBig(e);
      }
      String why = e instanceof java.io.EOFException || e.getMessage() == null ? "it ends before its index (truncated?)" : e.getMessage();
      throw new FileContent.CannotOpen("not a 7z archive that can be opened: " + why, e);
    }
  }

  private static FileContent.CannotOpen tooBig(IOException e) {
    return new FileContent.CannotOpen("a 7z archive packed with a dictionary that needs more than " + (Decompressed.LZMA_MEMORY_KIB >> 10)
        + " MiB, more memory than Trailwatch allows itself: unpack it (7z x) and ingest the folder", e);
  }

  @Override
  public @Nullable SevenZArchiveEntry getNextEntry() throws IOException {
    try {
      return file.getNextEntry();
    } catch (IOException e) {
      throw Decompressed.overMemoryLimit(e) ? tooBig(e) : e;
    }
  }

  @Override // read() reads through this
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return file.read(b, off, len);
    } catch (IOException e) {
      throw Decompressed.overMemoryLimit(e) ? tooBig(e) : e;
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
