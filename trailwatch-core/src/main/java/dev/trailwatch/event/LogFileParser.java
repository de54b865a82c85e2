// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds CloudTrail records in a log file of any format users have, recognised by content (the formats are listed in
 * {@link LogFormat}; {@link FileContent} undoes compression, archives, wide encodings and CSV first). Digest files are
 * recognised and yield no events. Streaming: memory per file is bounded by the largest record
 * ({@link #MAX_RECORD_BYTES}), whatever the file's size (a 7z archive apart: it is held in memory, or a large one
 * copied to a temporary file, see {@link SevenZArchive}).
 *
 * <p>Bad input is data: a malformed record, a syntax error, truncated gzip or a record over the size limit
 * becomes a {@link ParseProblem} and parsing resumes at the next record it can find. Stateless and
 * thread-safe: one instance may parse many files at once.
 */
public final class LogFileParser {
  /** Records longer than this are reported as problems (CloudTrail's own records are far below it). */
  public static final int MAX_RECORD_BYTES = 16 << 20;

  /** Deepest JSON nesting accepted; deeper input is a problem, not a stack overflow. */
  public static final int MAX_DEPTH = 500;

  static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(MAX_RECORD_BYTES)
                  .build())
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  /**
   * Parses one file, passing records and problems to the sink in file order.
   *
   * @param in the file's bytes as stored (compressed, an archive, or plain); not closed
   * <p>Truncated or corrupt data (gzip, bzip2, an archive) is reported as a problem, and so is, unavoidably, a read
   * error of {@code in} itself met inside such data: a caller that must tell a failing disk or network apart watches
   * its own stream (as the ingest's reader does, which fails the file then).
   *
   * @throws IOException when {@code in} fails outside compressed data
   */
  public ParseSummary parse(InputStream in, RecordSink sink) throws IOException {
    return parse(in, sink, name -> true);
  }

  /**
   * As {@link #parse(InputStream, RecordSink)}, reading of an archive only the files whose names (their paths in it)
   * {@code entries} admits; the others are counted in {@link ParseSummary#filesPassedOver}.
   */
  public ParseSummary parse(InputStream in, RecordSink sink, Predicate<String> entries) throws IOException {
    InputStream decoded;
    try {
      decoded = FileContent.decode(in);
    } catch (FileContent.CannotOpen e) { // a failing disk or network is told apart by the caller (see below)
      return wholeFileProblem(sink, e.getMessage());
    }
    if (decoded instanceof ArchiveEntries archive) {
      return ArchiveScan.run(archive, sink, entries);
    }
    if (decoded instanceof NoLogs none) {
      return wholeFileProblem(sink, none.reason());
    }
    ParseSummary scanned = new FileScan(decoded, sink).run();
    return decoded instanceof CsvExport && scanned.format() != LogFormat.EMPTY ? scanned.as(LogFormat.CSV_EXPORT) : scanned;
  }

  /** Reports a problem with a whole file (no record index, no offset) and what the file then held: nothing. */
  static ParseSummary wholeFileProblem(RecordSink sink, String reason) {
    sink.problem(new ParseProblem(-1, 0, reason, ""));
    return new ParseSummary(LogFormat.UNKNOWN, 0, 1, 0, 0, 0);
  }

  /** Parses bytes held in memory, collecting everything (tests, small inputs). */
  public ParseResult parse(byte[] bytes) {
    List<CloudTrailEvent> events = new ArrayList<>();
    List<ParseProblem> problems = new ArrayList<>();
    ParseSummary summary = parse(bytes, RecordSink.of(events::add, problems::add));
    return new ParseResult(summary.format(), events, problems);
  }

  /** Parses bytes held in memory, passing records and problems to the sink in order. */
  ParseSummary parse(byte[] bytes, RecordSink sink) {
    try {
      return parse(new ByteArrayInputStream(bytes), sink);
    } catch (IOException e) {
      throw new IllegalStateException("reading from memory cannot fail", e);
    }
  }

  static JsonParser parserOver(InputStream in) throws IOException {
    return JSON.createParser(in);
  }

  static JsonParser parserOver(byte[] bytes) throws IOException {
    return JSON.createParser(bytes);
  }
}
