// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The stream the JSON parser reads, keeping the bytes of the record being read so that its original text
 * can be cut out afterwards, and so that parsing can restart at an earlier byte after a syntax error. Memory
 * stays bounded: once more than {@code maxRetained} bytes would be kept, the oldest are dropped and
 * {@link #overflowed()} says so. Offsets are absolute positions in the decompressed stream.
 */
final class ByteWindow extends InputStream {
  private static final int READ_SIZE = 1 << 16;
  private final InputStream in;
  private final int maxRetained;
  // small at first, as most log files are; the first reads of a longer one grow it to READ_SIZE
  private byte[] buf = new byte[8 << 10];
  private long base; // absolute offset of buf[0]
  private int keepFrom; // bytes before this index may be dropped
  private int end; // valid bytes are [0, end)
  private int pos; // next byte handed out
  private boolean overflowed;

  ByteWindow(InputStream in, int maxRetained) {
    this.in = in;
    this.maxRetained = maxRetained;
  }

  /** Absolute offset of the next byte handed out. */
  long position() {
    return base + pos;
  }

  /** Bytes before {@code absolute} are no longer needed; clears the overflow flag. */
  void keepFrom(long absolute) {
    keepFrom = (int) Math.max(0, Math.min(end, absolute - base));
    overflowed = false;
  }

  /** True when bytes after the last {@link #keepFrom} were dropped to bound memory. */
  boolean overflowed() {
    return overflowed;
  }

  /** True when the bytes from {@code absolute} on are still held. */
  boolean holds(long absolute) {
    return !overflowed && absolute >= base + keepFrom && absolute <= base + end;
  }

  /** Moves the read position back (or forward) to a held byte. */
  void seek(long absolute) {
    if (absolute < base + keepFrom || absolute > base + end) {
      throw new IllegalStateException("byte " + absolute + " is no longer held");
    }
    pos = (int) (absolute - base);
  }

  /** A copy of held bytes {@code [from, to)}. */
  byte[] slice(long from, long to) {
    if (from < base + keepFrom || to > base + end || from > to) {
      throw new IllegalStateException("bytes " + from + ".." + to + " are not held");
    }
    return Arrays.copyOfRange(buf, (int) (from - base), (int) (to - base));
  }

  /** The offset of the first line end ({@code \n}) at or after {@code from} among the bytes read so far, else the end of them. */
  long lineEnd(long from) {
    for (int i = (int) Math.max(from - base, keepFrom); i < end; i++) {
      if (buf[i] == '\n') {
        return base + i;
      }
    }
    return base + end;
  }

  /** True when, among the bytes read so far, a later line than {@code at}'s starts with {@code c} (after blanks). */
  boolean nextLineStartsWith(long at, char c) {
    for (int i = (int) (lineEnd(at) - base); i < end; i++) {
      if (!blank(buf[i])) {
        return buf[i] == c;
      }
    }
    return false;
  }

  /**
   * The offset just after the last line end before {@code at} among the bytes still in the buffer (also those
   * before {@link #keepFrom}), else the first of them: the file's start, or as far back as is known.
   */
  long lineStart(long at) {
    for (int i = (int) Math.min(at - base, end) - 1; i >= 0; i--) {
      if (buf[i] == '\n') {
        return base + i + 1;
      }
    }
    return base;
  }

  /**
   * The offset of a UTF-8 byte order mark ({@code EF BB BF}) starting within {@code [from, to]} with only blanks
   * between {@code after} and it, among the bytes in the buffer; -1 when there is none.
   */
  long byteOrderMark(long from, long to, long after) {
    for (long at = Math.max(from, base); at <= to && at + 3 <= base + end; at++) {
      int i = (int) (at - base);
      if ((buf[i] & 0xff) == 0xEF && (buf[i + 1] & 0xff) == 0xBB && (buf[i + 2] & 0xff) == 0xBF && blank(Math.max(after, base), at)) {
        return at;
      }
    }
    return -1;
  }

  private boolean blank(long from, long to) {
    for (long at = from; at < to; at++) {
      if (!blank(buf[(int) (at - base)])) {
        return false;
      }
    }
    return true;
  }

  private static boolean blank(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** Held bytes {@code [from, min(to, end))} as text for a problem report; empty when not held. */
  String textForProblem(long from, long to) {
    long start = Math.max(from, base + keepFrom);
    long stop = Math.min(Math.min(to, base + end), start + ParseProblem.MAX_RAW_CHARS);
    if (overflowed || stop <= start) {
      return "";
    }
    return new String(buf, (int) (start - base), (int) (stop - start), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public int read() throws IOException {
    if (pos == end && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == end && !fill()) {
      return -1;
    }
    int n = Math.min(len, end - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  private boolean fill() throws IOException {
    if (end == buf.length) {
      makeRoom();
    }
    int n;
    try {
      n = in.read(buf, end, buf.length - end);
    } catch (IOException e) {
      throw new SourceReadException(e);
    }
    if (n < 0) {
      return false;
    }
    end += n;
    return true;
  }

  private void makeRoom() {
    if (buf.length < READ_SIZE && buf.length * 2 <= maxRetained) {
      buf = Arrays.copyOf(buf, buf.length * 2);
      return;
    }
    if (keepFrom > 0) {
      System.arraycopy(buf, keepFrom, buf, 0, end - keepFrom);
      base += keepFrom;
      pos -= keepFrom;
      end -= keepFrom;
      keepFrom = 0;
    }
    if (end < buf.length) {
      return;
    }
    if (buf.length * 2 <= maxRetained) {
      buf = Arrays.copyOf(buf, buf.length * 2);
      return;
    }
    // Over the limit: drop everything handed out so far (pos == end here) and remember that we did.
    overflowed = true;
    base += pos;
    end = 0;
    pos = 0;
    keepFrom = 0;
    if (buf.length > 1 << 20) {
      buf = new byte[1 << 20];
    }
  }

  /** An I/O error of the underlying (file, network or gzip) stream, as opposed to a JSON syntax error. */
  static final class SourceReadException extends IOException {
    private static final long serialVersionUID = 1L;

    SourceReadException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
