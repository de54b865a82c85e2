// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.jspecify.annotations.Nullable;

/**
 * A 7z archive, read as the zip and tar archives are. 7z keeps its index at its end, so commons-compress reads it
 * from a file it can seek in, not from a stream: the archive is held in memory, up to {@link #MAX_BYTES}.
 */
final class SevenZArchive extends ArchiveInputStream<SevenZArchiveEntry> {
  /**
   * 7z packs CloudTrail's JSON 20 to 40 times: 256 MiB holds several gigabytes of logs. Never more than a quarter
   * of the heap, as two readers may each hold one.
   */
  static final int MAX_BYTES = (int) Math.min(256 << 20, Runtime.getRuntime().maxMemory() / 4);

  private final SevenZFile file;

  private SevenZArchive(SevenZFile file) {
    this.file = file;
  }

  /**
   * The archive whose bytes {@code in} gives, or null when they are more than {@link #MAX_BYTES}.
   *
   * @throws FileContent.CannotOpen when its bytes are no 7z archive that can be opened
   * @throws IOException when {@code in} fails
   */
  static @Nullable SevenZArchive read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      return null;
    }
    try {
      return new SevenZArchive(SevenZFile.builder().setByteArray(bytes).setMaxMemoryLimitKiB(Decompressed.LZMA_MEMORY_KIB).get());
    } catch (IOException e) {
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
