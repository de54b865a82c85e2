// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.event.LogFormat;
import dev.trailwatch.ingest.Count;
import dev.trailwatch.ingest.IngestReport;
import dev.trailwatch.store.StoredProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The end-of-run summary of {@code ingest}, for people and for machines. */
final class IngestSummary {
  private IngestSummary() {}

  /** Problems shown under the count, so that the first ones are read without a query. */
  static final int PROBLEMS_SHOWN = 5;

  static void print(PrintWriter out, IngestReport r, Path data, List<StoredProblem> firstProblems) {
    double seconds = r.elapsed().toMillis() / 1000.0;
    out.printf(Locale.ROOT, "files:    %,d seen, %,d read, %,d unchanged (skipped), %,d not JSON (skipped), %,d digest, %,d failed%n",
        r.filesSeen(), r.filesRead(), r.filesUnchanged(), r.filesNotJson(), r.digestFiles(), r.failures().size());
    if (!r.unlisted().isEmpty()) {
      out.printf(Locale.ROOT, "sources:  %s not be listed, whole or in part (named below); what was listed was read%n",
          Count.of(r.unlisted().size(), "source could", "sources could"));
    }
    if (!r.formats().isEmpty()) {
      out.println("formats:  " + formats(r.formats())); // what the files were taken for: a wrong guess shows here first
    }
    out.printf(Locale.ROOT, "events:   %,d read, %,d new, %,d duplicate%n", r.eventsRead(), r.eventsNew(), r.eventsDuplicate());
    out.printf(Locale.ROOT, "matches:  %,d rule matches (trailwatch findings --data %s)%n", r.matches(), data);
    out.printf(Locale.ROOT, "problems: %,d%s%n", r.problems(),
        r.problems() > 0 ? " (trailwatch query --data " + data + " \"SELECT * FROM problems\")" : "");
    for (StoredProblem p : firstProblems) {
      out.println("          " + Table.oneLine(p.toString(), 200));
    }
    if (!firstProblems.isEmpty() && r.problems() > firstProblems.size()) {
      out.printf(Locale.ROOT, "          and %,d more%n", r.problems() - firstProblems.size());
    }
    if (r.recordsWithUnknownFields() > 0) {
      out.printf(Locale.ROOT, "note:     %s fields this version does not type; they are kept in the raw record%n",
          Count.of(r.recordsWithUnknownFields(), "record carries", "records carry"));
    }
    if (r.recordsWithoutTime() > 0) {
      out.printf(Locale.ROOT, "note:     %s no eventTime that is a time; kept, but outside every time range (event_time IS NULL)%n",
          Count.of(r.recordsWithoutTime(), "record has", "records have"));
    }
    out.printf(Locale.ROOT, "time:     %.2f s (%s events/s)%n", seconds, IngestCommand.rate(r.eventsPerSecond()));
    if (r.filesSeen() == 0 && r.whole()) {
      out.println("nothing to read: no files under the sources given (check the path or prefix, --since/--until, --accounts/--regions)");
    } else if (r.filesRead() == 0 && r.filesUnchanged() > 0 && r.whole()) {
      out.println("nothing new: every file was already ingested unchanged");
    }
  }

  /** "records 4,455, json_lines 2": each format the files read were, most files first, named as the ledger names it. */
  static String formats(Map<LogFormat, Integer> formats) {
    return formats.entrySet().stream()
        .sorted(Map.Entry.<LogFormat, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey().label(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  static String json(IngestReport r) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode n = m.createObjectNode();
    n.put("files_seen", r.filesSeen());
    n.put("files_read", r.filesRead());
    n.put("files_unchanged", r.filesUnchanged());
    n.put("files_not_json", r.filesNotJson());
    n.put("digest_files", r.digestFiles());
    ObjectNode formats = n.putObject("formats");
    r.formats().forEach((f, count) -> formats.put(f.label(), count));
    n.set("failures", m.valueToTree(r.failures()));
    n.set("unlisted", m.valueToTree(r.unlisted()));
    n.put("events_read", r.eventsRead());
    n.put("events_new", r.eventsNew());
    n.put("events_duplicate", r.eventsDuplicate());
    n.put("problems", r.problems());
    n.put("records_with_unknown_fields", r.recordsWithUnknownFields());
    n.put("records_without_time", r.recordsWithoutTime());
    n.put("matches", r.matches());
    n.put("seconds", r.elapsed().toMillis() / 1000.0);
    n.put("events_per_second", Math.round(r.eventsPerSecond()));
    return n.toString();
  }
}
