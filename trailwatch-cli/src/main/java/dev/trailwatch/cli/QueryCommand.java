// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.ingest.Count;
import dev.trailwatch.store.StoreInUseException;
import dev.trailwatch.store.duckdb.SqlQuery;
import dev.trailwatch.web.DashboardServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailwatch query SQL}: read-only SQL over the store. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Run one read-only SQL statement over the store (DuckDB SQL).",
      "Tables: events, files (the ledger of files read), problems (bad records with their raw text).",
      "",
      "Example: trailwatch query \"SELECT event_name, count(*) n FROM events\n                            GROUP BY 1 ORDER BY n DESC LIMIT 10\""
    })
final class QueryCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "SQL", description = "The statement.")
  String sql = "";

  @ArgGroup(exclusive = true)
  @Nullable Format format;

  static final class Format {
    @Option(names = "--csv", description = "Print CSV (RFC 4180) instead of a table.")
    boolean csv;

    @Option(names = "--json", description = "Print one JSON object a row (JSON lines); lists, structs, maps and JSON values nest.")
    boolean json;
  }

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "10000", description = "Print at most N rows (default ${DEFAULT-VALUE}).")
  long maxRows;

  @Override
  public Integer call() {
    OptionRanges.atLeast(spec, "--max-rows", maxRows, 1);
    PrintWriter out = spec.commandLine().getOut();
    RowPrinter printer =
        format != null && format.csv ? new CsvPrinter(out) : format != null && format.json ? new JsonPrinter(out) : new TablePrinter(out);
    boolean more;
    long shown = maxRows; // at most; when more were available, exactly
    try (SqlQuery q = SqlQuery.open(common.data)) {
      more = q.run(sql, maxRows, printer);
    } catch (StoreInUseException busy) {
      more = ServedStore.of(busy, spec.commandLine().getErr()).query(sql, maxRows, printer);
      shown = Math.min(maxRows, DashboardServer.MAX_SQL_ROWS);
    }
    printer.finish();
    out.flush();
    if (more) {
      // A server answers fewer rows than --max-rows may ask for: say which limit cut the answer
      spec.commandLine().getErr().println("trailwatch: only the first " + Count.of(shown, "row") + " were printed ("
          + (shown < maxRows ? "the most the server answers; stop serve to query the store directly" : "--max-rows") + ")");
    }
    return ExitStatus.OK.code();
  }

  private interface RowPrinter extends SqlQuery.RowHandler {
    default void finish() {}
  }

  private static final class TablePrinter implements RowPrinter {
    private final PrintWriter out;
    private @Nullable Table table;
    private int rows;

    TablePrinter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void columns(List<SqlQuery.Column> columns) {
      table = new Table(columns.stream().map(SqlQuery.Column::name).toList());
    }

    @Override
    public void row(List<@Nullable Object> values) {
      List<String> cells = new ArrayList<>(values.size());
      for (Object v : values) {
        cells.add(v == null ? "NULL" : v.toString());
      }
      if (table != null) {
        table.add(cells);
      }
      rows++;
    }

    @Override
    public void finish() {
      if (table != null) {
        table.print(out);
        out.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
      }
    }
  }

  private static final class CsvPrinter implements RowPrinter {
    private final PrintWriter out;

    CsvPrinter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void columns(List<SqlQuery.Column> columns) {
      out.println(String.join(",", columns.stream().map(c -> quote(c.name())).toList()));
    }

    @Override
    public void row(List<@Nullable Object> values) {
      out.println(String.join(",", values.stream().map(v -> v == null ? "" : quote(v.toString())).toList()));
    }

    private static String quote(String s) {
      if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
        return s;
      }
      return '"' + s.replace("\"", "\"\"") + '"';
    }
  }

  private static final class JsonPrinter implements RowPrinter {
    private static final JsonFactory JSON = new ObjectMapper().getFactory(); // writes the JSON trees of nested values
    private final PrintWriter out;
    private List<SqlQuery.Column> columns = List.of();

    JsonPrinter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void columns(List<SqlQuery.Column> columns) {
      this.columns = columns;
    }

    @Override
    public void row(List<@Nullable Object> values) {
      java.io.StringWriter line = new java.io.StringWriter();
      try (JsonGenerator g = JSON.createGenerator(line)) {
        g.writeStartObject();
        for (int i = 0; i < values.size(); i++) {
          g.writeFieldName(columns.get(i).name());
          write(g, values.get(i));
        }
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println(line);
    }

    private static void write(JsonGenerator g, @Nullable Object v) throws IOException {
      if (v == null) {
        g.writeNull();
      } else if (v instanceof Boolean b) {
        g.writeBoolean(b);
      } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        g.writeNumber(((Number) v).longValue());
      } else if (v instanceof BigInteger bi) {
        g.writeNumber(bi);
      } else if (v instanceof BigDecimal bd) {
        g.writeNumber(bd);
      } else if (v instanceof Double || v instanceof Float) {
        g.writeNumber(((Number) v).doubleValue());
      } else if (v instanceof JsonNode tree) {
        g.writeTree(tree);
      } else {
        g.writeString(v.toString());
      }
    }
  }
}
