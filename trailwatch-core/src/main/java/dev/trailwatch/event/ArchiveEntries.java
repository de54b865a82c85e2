// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The log files in a zip, tar or 7z archive, one after another, each followed by a line break: every entry decoded as a
 * file of its own would be (gunzipped, transcoded, an archive in it opened), and entries that are no log file (a
 * README) passed over. The store cuts records out of this sequence; the parser reads each file in it on its own
 * ({@link #nextLogFile}), so that a broken file does not change how the next is read, with the same offsets.
 */
final class ArchiveEntries extends RefillingStream {
  private static final byte[] LINE_END = {'\n'};

  private final ArchiveInputStream<?> archive;
  private final int depth;
  private final byte[] buf = new byte[1 << 16];
  private @Nullable InputStream entry; // the current entry's decoded content
  private boolean stuck; // an entry could not be read, so the archive cannot be read past it

  /**
   * A file in the archive that holds logs, or may (then {@code problem} says why it is not read, and it has no place
   * in the sequence): its name there and its decoded content.
   */
  record LogFile(String name, InputStream content, @Nullable String problem) {}

  ArchiveEntries(ArchiveInputStream<?> archive, int depth) {
    this.archive = archive;
    this.depth = depth;
  }

  @Override
  protected @Nullable ByteBuffer next() throws IOException {
    InputStream current = entry;
    if (current == null) {
      LogFile next = nextLogFile();
      while (next != null && next.problem() != null) {
        next = nextLogFile();
      }
      if (next == null) {
        return null;
      }
      current = next.content();
      entry = current;
    }
    int n = current.read(buf);
    if (n < 0) {
      entry = null;
      return ByteBuffer.wrap(LINE_END); // the next file's first record starts a line
    }
    return ByteBuffer.wrap(buf, 0, n);
  }

  /**
   * The next entry that holds JSON, decoded; null after the last. In the sequence this stream reads, its content is
   * followed by a line break, then the next one's.
   */
  @Nullable LogFile nextLogFile() throws IOException {
    if (stuck) {
      return null;
    }
    for (ArchiveEntry e = archive.getNextEntry(); e != null; e = archive.getNextEntry()) {
      if (e.isDirectory()) {
        continue;
      }
      if (!archive.canReadEntryData(e)) { // and the entries after it cannot be reached either
        stuck = true;
        return new LogFile(e.getName(), InputStream.nullInputStream(),
            "encrypted, or packed in a way Trailwatch does not read, and so is the rest of the archive after it: unpack it and ingest the folder");
      }
      InputStream decoded;
      try {
        decoded = FileContent.decode(archive, depth + 1);
      } catch (FileContent.CannotOpen broken) { // that file is bad, not the archive: the next entry is read
        return new LogFile(e.getName(), InputStream.nullInputStream(), broken.getMessage());
      }
      if (decoded instanceof ArchiveEntries) {
        return new LogFile(e.getName(), decoded, null); // an archive in the archive: its own files follow, one by one
      }
      if (decoded instanceof NoLogs none) {
        return new LogFile(e.getName(), none, none.reason());
      }
      BufferedInputStream content = new BufferedInputStream(decoded, 1 << 16);
      content.mark(4096);
      byte[] head = content.readNBytes(4096);
      content.reset();
      if (FileContent.opensJson(head)) {
        return new LogFile(e.getName(), content, null);
      }
    }
    return null;
  }
}
