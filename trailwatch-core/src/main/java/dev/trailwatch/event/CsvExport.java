// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A CSV export of events whose column holds each whole record as JSON text: CloudWatch Logs Insights' "Download table
 * (CSV)" ({@code @message}) and Splunk's CSV export ({@code _raw}). Read as the JSON lines it holds, one record (the
 * column's text) a line; the parser reads that, and the store cuts records out of it again.
 */
final class CsvExport extends RefillingStream {
  /** The columns that hold the whole record, by the tool that names them so. */
  private static final List<String> RECORD_COLUMNS = List.of("@message", "_raw");

  /** A CSV header line: names (letters, digits, {@code @ _ . : -}, blanks), plain or quoted, two or more. */
  private static final java.util.regex.Pattern HEADER =
      java.util.regex.Pattern.compile("\uFEFF?\\s*(\"[\\w@.: -]*\"|[\\w@.: -]*)(,\\s*(\"[\\w@.: -]*\"|[\\w@.: -]*))+\\s*\r?");

  /** Leaves the file's stream open at the end: its owner reads it to its end (to hash it) and closes it. */
  private static final CsvMapper CSV = CsvMapper.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private final InputStream csv;
  private final String column;
  private @Nullable CsvParser parser; // created on the first read: creating it may read already

  CsvExport(InputStream csv, String column) {
    this.csv = csv;
    this.column = column;
  }

  /**
   * The column holding the records, when the text starting with {@code head} is such an export: its first line a CSV
   * header naming one of them; null otherwise.
   */
  static @Nullable String recordColumn(byte[] head) {
    List<String> columns = header(head);
    return columns == null ? null : recordColumn(columns);
  }

  /** Of a header's {@code columns}, the one that holds whole records; null when none does. */
  static @Nullable String recordColumn(List<String> columns) {
    return columns.stream().filter(RECORD_COLUMNS::contains).findFirst().orElse(null);
  }

  /**
   * The columns named by the first line of the text starting with {@code head}, as compared, when that line is a CSV
   * header: two names or more, plain or quoted, separated by commas; null otherwise.
   */
  static @Nullable List<String> header(byte[] head) {
    int end = 0;
    while (end < head.length && head[end] != '\n') {
      end++;
    }
    if (end == head.length) {
      return null; // no whole header line in the head: no export of ours has one that long
    }
    String line = new String(head, 0, end, StandardCharsets.UTF_8);
    if (!HEADER.matcher(line).matches()) {
      return null;
    }
    return java.util.Arrays.stream(line.split(",", -1)).map(name -> bare(name.replace("\"", ""))).toList();
  }

  /** A column's name as compared: without blanks, a byte order mark, or case. */
  private static String bare(String name) {
    return name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
  }

  @Override
  protected @Nullable ByteBuffer next() throws IOException {
    CsvParser p = parser;
    if (p == null) {
      p = (CsvParser) CSV.reader(CsvSchema.emptySchema().withHeader()).createParser(csv);
      parser = p;
    }
    for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
      if (t == JsonToken.FIELD_NAME && bare(p.currentName()).equals(column)) {
        p.nextToken();
        String record = p.getText().strip();
        if (!record.isEmpty()) {
          return ByteBuffer.wrap((record + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
