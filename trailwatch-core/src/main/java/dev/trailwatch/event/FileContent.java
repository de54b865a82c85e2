// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.io.input.ReaderInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A log file's text as UTF-8 bytes, whatever it was delivered as:
 *
 * <ul>
 *   <li>decompressed (gzip, bzip2, xz, zstd; again when compressed twice), every member or frame;
 *   <li>transcoded when it is UTF-16 or UTF-32 (Windows PowerShell's {@code >} writes UTF-16, for example an
 *       {@code aws cloudtrail lookup-events} export);
 *   <li>with the times that CloudWatch Logs' export to S3 puts before each line blanked ({@link ExportTimestamps});
 *   <li>as the records of a CSV export, one a line ({@link CsvExport});
 *   <li>or, for a zip, tar or 7z archive, its log files one after another ({@link ArchiveEntries}).
 * </ul>
 *
 * The parser reads this and the store cuts records out of it again, so record offsets mean the same in both.
 */
public final class FileContent {
  /**
   * Bytes looked at to tell what the content is: a tar header's "ustar" ends at 262, and a CSV export's header line
   * (Splunk's names every field it extracted) must be whole in it.
   */
  private static final int HEAD = 16 << 10;

  /** Compression in compression is undone this many times (a gzip of gzip data); more is a problem. */
  private static final int MAX_COMPRESSION_LAYERS = 3;

  /** Archives in archives are opened this deep (a zip of tar.gz files); deeper ones are problems. */
  private static final int MAX_ARCHIVE_DEPTH = 3;

  private FileContent() {}

  /**
   * The decoded content of a file whose bytes are {@code in}: its text, an archive's files one after another
   * ({@link ArchiveEntries}), or, for what Trailwatch does not open, {@link NoLogs} with the reason.
   *
   * @throws CannotOpen when the header of compressed data is broken, or its decompressor cannot run here
   */
  public static InputStream decode(InputStream in) throws IOException {
    return decode(in, 0);
  }

  /** As {@link #decode(InputStream)}, for a file {@code depth} archives deep. */
  static InputStream decode(InputStream in, int depth) throws IOException {
    InputStream raw = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16); // the file reader's own buffer serves
    InputStream plain = raw;
    byte[] head = peekMarked(raw, HEAD);
    // Compressed again inside: Firehose compressing what a CloudWatch Logs subscription gzipped already
    Compression compression;
    for (int layer = 0; layer < MAX_COMPRESSION_LAYERS && (compression = Compression.of(head)) != null; layer++) {
      InputStream decompressed;
      try {
        decompressed = compression.open(plain);
      } catch (CannotOpen e) {
        throw e;
      } catch (IOException e) { // its header, read at once
        String why = e instanceof EOFException || e.getMessage() == null ? "it ends inside its header" : e.getMessage();
        throw new CannotOpen("not a valid " + compression.label() + " file: " + why, e);
      }
      Peeked peeked = Peeked.of(decompressed, HEAD);
      head = peeked.head();
      plain = peeked.content();
    }
    if (depth < MAX_ARCHIVE_DEPTH) {
      if (isZip(head)) {
        return new ArchiveEntries(new ZipArchiveInputStream(plain, "UTF-8", true, true), depth);
      }
      if (isTar(head)) {
        return new ArchiveEntries(new TarArchiveInputStream(plain), depth);
      }
      if (isSevenZ(head)) {
        return new ArchiveEntries(SevenZArchive.read(plain), depth);
      }
    }
    String notALogFile = notALogFile(head);
    return notALogFile != null ? new NoLogs(notALogFile) : text(plain, head);
  }

  /**
   * Content that cannot be opened, with the message to show as it is: a broken header, a 7z archive without its
   * index, a zstd window larger than a reader is allowed. Bad content, not a failure: a failing disk or network
   * underneath is told apart by whoever owns the file's stream.
   */
  public static final class CannotOpen extends IOException {
    private static final long serialVersionUID = 1L;

    CannotOpen(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static boolean isZip(byte[] head) {
    return startsWith(head, 0x50, 0x4B, 0x03, 0x04) || startsWith(head, 0x50, 0x4B, 0x05, 0x06);
  }

  private static boolean isArchive(byte[] head) {
    return isZip(head) || isTar(head) || isSevenZ(head);
  }

  private static boolean isSevenZ(byte[] head) {
    return startsWith(head, 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C);
  }

  private static boolean isTar(byte[] head) {
    return head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
  }

  /**
   * Why decoded content that is still an archive or compressed is left as it is: too deep, or compressed too often;
   * null when it is neither.
   */
  private static @Nullable String notALogFile(byte[] head) {
    if (isArchive(head)) {
      return "an archive inside archives " + MAX_ARCHIVE_DEPTH + " deep, which Trailwatch does not open: unpack it and ingest the folder";
    }
    if (Compression.of(head) != null) {
      return "compressed more than " + MAX_COMPRESSION_LAYERS + " times over, which Trailwatch does not undo: decompress it and ingest the result";
    }
    return null;
  }

  /** Whether {@code head} starts with the bytes {@code magic}. */
  static boolean startsWith(byte[] head, int... magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** The content as UTF-8 JSON: transcoded when it is wider, CloudWatch Logs export times blanked. */
  private static InputStream text(InputStream plain, byte[] head) throws IOException {
    Charset charset = wideCharset(head);
    if (charset != null) {
      return ReaderInputStream.builder().setReader(new InputStreamReader(plain, charset)).setCharset(StandardCharsets.UTF_8).get();
    }
    List<String> columns = opensJson(head) ? null : CsvExport.header(head);
    String csvColumn = columns == null ? null : CsvExport.recordColumn(columns);
    if (csvColumn != null) {
      return new CsvExport(plain, csvColumn);
    }
    if (columns != null) {
      return new NoLogs("a CSV file whose columns (" + String.join(", ", columns.subList(0, Math.min(columns.size(), 4)))
          + (columns.size() > 4 ? ", …" : "") + ") hold no whole record: only exports with an @message or _raw column of "
          + "whole records are read (query results of Athena or CloudTrail Lake hold none: read the trail's own files)");
    }
    return ExportTimestamps.startsWithOne(head) ? new ExportTimestamps(plain) : plain;
  }

  /**
   * Whether a file found in a folder is worth reading: compressed, an archive, or text (in any
   * encoding {@link #decode} reads) whose first character after blanks opens a JSON object or array. The
   * stream must support mark; nothing of it is consumed.
   */
  public static boolean worthReading(InputStream in) throws IOException {
    byte[] head = peekMarked(in, HEAD);
    if (Compression.of(head) != null || isArchive(head) || ExportTimestamps.startsWithOne(head)) {
      return true; // compressed, an archive, a CloudWatch Logs export to S3
    }
    Charset charset = wideCharset(head);
    return opensJson(charset == null ? head : new String(head, charset).getBytes(StandardCharsets.UTF_8))
        || CsvExport.recordColumn(head) != null; // a CSV export of whole records
  }

  /** Whether UTF-8 text starts, after blanks and byte order marks, with a JSON object or array. */
  static boolean opensJson(byte[] utf8) {
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i] & 0xff;
      if (b == '{' || b == '[') {
        return true;
      }
      if (b == 0xEF && i + 2 < utf8.length && (utf8[i + 1] & 0xff) == 0xBB && (utf8[i + 2] & 0xff) == 0xBF) {
        i += 2; // a byte order mark
      } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return false;
  }

  /**
   * UTF-16 or UTF-32 recognised by a byte order mark or, without one, by where the zero bytes of a JSON text's
   * first (ASCII) character fall (RFC 4627, section 3); null for UTF-8 and anything else.
   */
  static @Nullable Charset wideCharset(byte[] head) {
    int[] b = new int[4];
    for (int i = 0; i < 4; i++) {
      b[i] = i < head.length ? head[i] & 0xff : -1;
    }
    if (b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF || b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] > 0) {
      return Charset.forName("UTF-32BE");
    }
    if (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 || b[0] > 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
      return Charset.forName("UTF-32LE");
    }
    if (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE) {
      return StandardCharsets.UTF_16; // reads the mark, then the order it names
    }
    if (b[0] == 0 && b[1] > 0 && b[2] == 0 && b[3] > 0) {
      return StandardCharsets.UTF_16BE;
    }
    if (b[0] > 0 && b[1] == 0 && b[2] > 0 && b[3] == 0) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  private static byte[] peekMarked(InputStream in, int n) throws IOException {
    in.mark(n);
    try {
      return in.readNBytes(n);
    } finally {
      in.reset();
    }
  }
}
