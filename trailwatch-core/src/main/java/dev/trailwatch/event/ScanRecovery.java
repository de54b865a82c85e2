// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;

/**
 * How a scan goes on after its file's JSON breaks: the break is one problem (in JSON lines, the bad line with its
 * index and whole text), and reading resumes at the next object that parses, or the next line. A break of the file's
 * compressed data ends the scan, with what was read kept.
 */
final class ScanRecovery {
  private final ScanState s;
  private final FileScan scan;
  private long lastResume = -1;
  private boolean skipLine; // recovery starts by passing over the rest of the bad line
  private boolean resumeAtLineStart; // recovery starts at the start of a line

  ScanRecovery(ScanState s, FileScan scan) {
    this.s = s;
    this.scan = scan;
  }

  /** The JSON broke: says so once, and sets the scan to resume after the break. */
  void afterSyntaxError(JsonProcessingException e) {
    long at = s.errorOffset(e.getLocation());
    long mark = s.recordStart < 0 && !s.recovering ? s.window.byteOrderMark(Math.max(at - 3, s.offsetBase), at, s.lastEnd) : -1;
    if (mark >= 0) { // where a file began in several joined together (cat a.json b.json): read on after it
      s.offsetBase = mark + 3;
      s.window.keepFrom(s.offsetBase);
      s.window.seek(s.offsetBase);
      return;
    }
    long from = s.recordStart >= 0 ? s.recordStart + 1 : Math.max(s.lastEnd, at - 1);
    boolean lines = s.startsBadLine(s.recordStart >= 0 ? s.recordStart : at);
    // A record cut short on its line is noticed on a later line (the parser read on into it): the lines after
    // the record's own are read again
    boolean nextLine = lines && s.recordStart >= 0 && s.window.lineEnd(s.recordStart) < at;
    boolean indexed = s.recordStart >= 0 && s.recordStart == s.indexedBy; // one line, one index, however it broke
    if (indexed) {
      s.recordIndex--;
    }
    if (lines) {
      badLine(SyntaxReasons.of(e), at, s.window.lineEnd(nextLine ? s.recordStart : at));
      from = nextLine ? s.window.lineEnd(s.recordStart) + 1 : at;
    } else if (s.lineMode()) {
      // junk after a record on its line: not a record of its own
      long junkStart = s.recordStart >= 0 ? s.recordStart : at;
      s.out.problem(-1, at, SyntaxReasons.of(e), beforeNextObject(s.window.textForProblem(junkStart, s.window.lineEnd(junkStart))));
      s.recordStart = -1;
    } else if (s.out.emittedSinceProblem() || !s.recovering) {
      long problemStart = s.recordStart >= 0 ? s.recordStart : Math.max(s.lastEnd, at - 1);
      s.out.problem(s.recordStart >= 0 ? s.recordIndex : -1, at, SyntaxReasons.of(e), s.window.textForProblem(problemStart, at + 1));
    }
    if (s.recordStart >= 0) {
      s.recordIndex++;
    }
    from = Math.max(from, lastResume + 1);
    if (!s.window.holds(from)) {
      from = s.window.position();
    }
    lastResume = from;
    s.window.keepFrom(from);
    s.window.seek(from);
    s.recordStart = -1;
    s.recovering = true;
    skipLine = lines && !nextLine;
    resumeAtLineStart = nextLine;
  }

  /**
   * The file's content broke (truncated or corrupt compressed data, a broken archive): one problem, and the scan ends.
   * A failing disk or network is told apart by whoever owns the file's stream (FileReader), which fails the file instead.
   */
  void afterSourceError(ByteWindow.SourceReadException e) {
    Throwable cause = e.getCause();
    String what = cause instanceof FileContent.CannotOpen ? cause.getMessage()
        : cause instanceof EOFException ? "file ends inside its compressed data (truncated?)"
        : (cause instanceof ZipException ? "corrupt gzip data: " : "corrupt data: ") + e.getMessage();
    long at = s.window.position();
    s.out.problem(s.recordStart >= 0 ? s.recordIndex : -1, at, what, s.recordStart >= 0 ? s.window.textForProblem(s.recordStart, at) : "");
  }

  /** A bad line of JSON lines, ending at {@code end}: its whole text is kept, and it takes a record's place (its index). */
  private void badLine(String reason, long at, long end) {
    long start = s.recordStart >= 0 ? s.recordStart : Math.max(s.lastEnd, s.window.lineStart(at));
    s.out.problem(s.recordStart >= 0 ? s.recordIndex : s.recordIndex++, at, reason, s.window.textForProblem(start, end).strip());
  }

  /** The text up to the next object after its first character (which may itself open the broken object). */
  private static String beforeNextObject(String text) {
    int brace = text.indexOf('{', 1);
    return (brace < 0 ? text : text.substring(0, brace)).strip();
  }

  /**
   * After a syntax error: find the next object that starts where a record can start (after {@code [},
   * {@code ,} or the end of another value, never after a {@code :}), read it, and go on from its end.
   * Fragments that are not records are passed over silently: the error was reported once.
   */
  void scanOn() throws IOException {
    s.recovering = true;
    int c;
    int previous = ',';
    boolean lineStart = resumeAtLineStart;
    boolean recordOnLine = false;
    boolean skipping = skipLine;
    skipLine = false;
    resumeAtLineStart = false;
    while ((c = s.window.read()) >= 0) {
      if (c == '\n') {
        lineStart = true;
        recordOnLine = false;
        skipping = false;
        continue;
      }
      if (skipping || c == ' ' || c == '\r' || c == '\t') {
        continue;
      }
      boolean firstOnLine = lineStart;
      lineStart = false;
      if (c != '{') {
        if ((firstOnLine || recordOnLine) && s.lineMode()) {
          notARecord(firstOnLine);
          skipping = true;
        }
        previous = c;
        continue;
      }
      // A record starts a line (JSON lines) or follows another value, never a ':'
      if (!firstOnLine && previous != ',' && previous != '[' && previous != '}' && previous != ']') {
        previous = c;
        continue;
      }
      previous = '}';
      long start = s.window.position() - 1;
      s.parseFrom(start);
      s.p().nextToken();
      s.sawRootValue = true;
      scan.rootObject(start);
      recordOnLine = true;
      long end = s.tokenEnd();
      s.lastEnd = end;
      if (s.window.holds(end)) {
        s.window.seek(end);
      }
    }
  }

  /** In JSON lines, text that is no object: a bad line of its own when it starts its line, else junk after a record. */
  private void notARecord(boolean firstOnLine) {
    long start = s.window.position() - 1;
    String text = s.window.textForProblem(start, s.window.lineEnd(start)).strip();
    if (firstOnLine) {
      s.out.problem(s.recordIndex++, start, "invalid JSON: a line that is not a JSON object", text);
    } else {
      s.out.problem(-1, start, "invalid JSON: text after the record on its line", text);
    }
  }
}
