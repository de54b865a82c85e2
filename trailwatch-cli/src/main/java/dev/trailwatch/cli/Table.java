// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A plain-text table with aligned columns (numbers to the right); long cells are cut with an ellipsis. */
final class Table {
  private static final int MAX_CELL = 80;
  /** A number as the tables print them ({@code 1,234}, {@code -5}, {@code 17.9}); NULL and empty cells do not count against a column. */
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?|NULL|");
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(List<String> header) {
    this.header = header;
  }

  void add(List<String> row) {
    rows.add(row);
  }

  /** A cell for a value that may be absent: empty then, as in every table here (not "null"). */
  static String text(@Nullable Object v) {
    return v == null ? "" : v.toString();
  }

  int size() {
    return rows.size();
  }

  void print(PrintWriter out) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
    }
    for (List<String> r : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], cell(r.get(i)).length());
      }
    }
    boolean[] numeric = new boolean[width.length];
    for (int i = 0; i < width.length; i++) {
      int column = i;
      numeric[i] = rows.stream().anyMatch(r -> !r.get(column).isEmpty() && !r.get(column).equals("NULL"))
          && rows.stream().allMatch(r -> NUMBER.matcher(r.get(column)).matches());
    }
    line(out, header, width, new boolean[width.length]); // headings stay where the eye starts reading
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    out.println(rule);
    for (List<String> r : rows) {
      line(out, r, width, numeric);
    }
  }

  private static void line(PrintWriter out, List<String> cells, int[] width, boolean[] numeric) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = cell(cells.get(i));
      String pad = " ".repeat(width[i] - c.length());
      b.append(i == 0 ? "" : "  ");
      if (numeric[i]) {
        b.append(pad).append(c);
      } else {
        b.append(c).append(i < width.length - 1 ? pad : "");
      }
    }
    out.println(b);
  }

  private static String cell(String s) {
    return oneLine(s, MAX_CELL);
  }

  /** Text on one line (line breaks and tabs as spaces) of at most {@code max} characters, cut with "…". */
  static String oneLine(String s, int max) {
    String flat = s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
