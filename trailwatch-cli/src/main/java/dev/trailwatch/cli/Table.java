// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns; long cells are cut with an ellipsis. */
final class Table {
  private static final int MAX_CELL = 80;
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(List<String> header) {
    this.header = header;
  }

  void add(List<String> row) {
    rows.add(row);
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
    line(out, header, width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    out.println(rule);
    for (List<String> r : rows) {
      line(out, r, width);
    }
  }

  private static void line(PrintWriter out, List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = cell(cells.get(i));
      b.append(i == 0 ? "" : "  ").append(c);
      if (i < width.length - 1) {
        b.append(" ".repeat(width[i] - c.length()));
      }
    }
    out.println(b);
  }

  private static String cell(String s) {
    String flat = s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return flat.length() <= MAX_CELL ? flat : flat.substring(0, MAX_CELL - 1) + "…";
  }
}
