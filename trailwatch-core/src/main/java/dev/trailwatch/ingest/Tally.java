// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.event.LogFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counters of one ingest run, touched only by the writer thread. */
final class Tally {
  int filesSeen;
  int filesRead;
  int filesUnchanged;
  int filesNotJson;
  int done;
  final List<FileFailure> failures = new ArrayList<>();
  final Map<LogFormat, Integer> formats = new EnumMap<>(LogFormat.class);
  long eventsRead;
  long eventsNew;
  long eventsDuplicate;
  long problems;
  long unknownFields;
  long untimed;
  long matches;

  IngestReport report(List<FileFailure> unlisted, Duration elapsed) {
    return new IngestReport(filesSeen, filesRead, filesUnchanged, filesNotJson, failures, unlisted,
        eventsRead, eventsNew, eventsDuplicate, problems, unknownFields, untimed, matches, formats, elapsed);
  }
}
