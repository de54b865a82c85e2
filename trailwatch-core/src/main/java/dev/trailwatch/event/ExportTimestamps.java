// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Blanks the time that CloudWatch Logs' export to S3 ({@code CreateExportTask}) writes before each event's message,
 * one event a line ({@code 2026-11-02T10:00:00.000Z {"eventVersion":…}}), so that the lines read as JSON lines.
 * The time becomes spaces rather than being cut out, so every record keeps its offset in the file.
 */
final class ExportTimestamps extends RefillingStream {
  /** The longest time blanked, with its space: nanoseconds, {@code 2026-11-02T10:00:00.123456789Z }. */
  private static final int LONGEST = 31;

  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int ready; // [0, ready) is handed out as is; [ready, end) waits for more bytes
  private int end;
  private boolean lineStart = true;
  private boolean ended;

  ExportTimestamps(InputStream in) {
    this.in = in;
  }

  /** True when {@code head} is such a line's start: a time, a space, then a JSON object. */
  static boolean startsWithOne(byte[] head) {
    int t = timeLength(head, 0, head.length);
    return t > 0 && t < head.length && head[t] == '{';
  }

  @Override
  protected @Nullable ByteBuffer next() throws IOException {
    return fill() ? ByteBuffer.wrap(buf, 0, ready) : null;
  }

  /** Reads more and blanks the times of the lines that start in it; false at the end. */
  private boolean fill() throws IOException {
    int waiting = end - ready;
    System.arraycopy(buf, ready, buf, 0, waiting);
    ready = 0;
    end = waiting;
    if (!ended) {
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        ended = true;
      } else {
        end += n;
      }
    }
    if (ended && end == 0) {
      return false;
    }
    int i = 0;
    while (i < end) {
      if (lineStart) {
        if (!ended && end - i <= LONGEST) {
          break; // too near the end to tell: this line's start waits for the next read
        }
        int t = timeLength(buf, i, end);
        Arrays.fill(buf, i, i + t, (byte) ' ');
        i += t;
        lineStart = false;
      }
      while (i < end && buf[i] != '\n') {
        i++;
      }
      if (i < end) {
        i++;
        lineStart = true;
      }
    }
    ready = i;
    return true;
  }

  /** The length of {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z } (with its space) at {@code from}, else 0. */
  private static int timeLength(byte[] b, int from, int to) {
    String shape = "dddd-dd-ddTdd:dd:dd";
    if (to - from < shape.length() + 2) {
      return 0;
    }
    for (int i = 0; i < shape.length(); i++) {
      char want = shape.charAt(i);
      byte got = b[from + i];
      if (want == 'd' ? got < '0' || got > '9' : got != want) {
        return 0;
      }
    }
    int i = from + shape.length();
    if (b[i] == '.') {
      int digits = ++i;
      while (i < to && i - digits < 9 && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == digits) {
        return 0;
      }
    }
    return i + 1 < to && b[i] == 'Z' && b[i + 1] == ' ' ? i + 2 - from : 0;
  }
}
