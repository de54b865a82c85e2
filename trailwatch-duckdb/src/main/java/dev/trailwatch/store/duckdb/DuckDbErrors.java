// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** DuckDB's error messages as one line: the error, its "did you mean" hint, and where in the SQL it is. */
public final class DuckDbErrors {
  /** DuckDB quotes the statement's line as {@code LINE n: text} and puts a caret under the place on the next line. */
  private static final Pattern QUOTED_LINE = Pattern.compile("(?m)^(LINE (\\d+): )[^\n]*\n( *)\\^");

  private static final String PENDING_RESULT = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result";

  private DuckDbErrors() {}

  /**
   * The first line of {@code message}, followed by DuckDB's suggestion when the next line holds one
   * ({@code Did you mean "events"?}, {@code Candidate bindings: ...}) and by the position it points at; long
   * lists (every overload of a function) and the quoted statement are left out.
   */
  public static String oneLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    String[] lines = message.split("\n", -1);
    if (lines.length > 1 && lines[0].startsWith(PENDING_RESULT) && lines[1].startsWith("Error: ")) {
      lines = java.util.Arrays.copyOfRange(lines, 1, lines.length); // a Statement's wrapper around the real error
      lines[0] = lines[0].substring("Error: ".length());
    }
    StringBuilder b = new StringBuilder(lines[0].strip());
    if (lines.length > 1 && (lines[1].startsWith("Did you mean") || lines[1].startsWith("Candidate bindings"))) {
      b.append(' ').append(lines[1].strip());
    }
    Matcher m = QUOTED_LINE.matcher(message);
    if (m.find()) {
      int column = m.group(3).length() - m.group(1).length() + 1;
      b.append(m.group(2).equals("1") ? " (at column " + column + ")" : " (at line " + m.group(2) + ", column " + column + ")");
    }
    return b.toString();
  }
}
