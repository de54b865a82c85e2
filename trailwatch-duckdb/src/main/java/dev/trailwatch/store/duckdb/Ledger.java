// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.StoredFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files ledger's newest row of the sources asked about, read from the table for those not asked about before and
 * then kept up to date with the store's own commits: every write goes through the store (the database is locked to
 * this process, and the dashboard that may share it writes no files). A watch compares the files it lists with it at
 * every round, and asks the table only about the new ones; an ingest reads the rows of the files it lists, not the
 * whole history. At most {@link #MAX_HELD} sources are kept.
 */
final class Ledger {
  static final int MAX_HELD = 1_000_000;

  private final Map<String, StoredFile> held = new HashMap<>(); // a null value: no row
  private final List<StoredFile> added = new ArrayList<>(); // rows of the open transaction

  Map<String, StoredFile> latest(Connection conn, Collection<String> sources) throws SQLException {
    Set<String> unknown = new LinkedHashSet<>();
    for (String s : sources) {
      if (!held.containsKey(s)) {
        unknown.add(s);
      }
    }
    if (!unknown.isEmpty()) {
      if (held.size() + unknown.size() > MAX_HELD) {
        held.clear();
        unknown.addAll(sources);
      }
      Map<String, StoredFile> read = LedgerRows.latestFiles(conn, unknown);
      unknown.forEach(s -> held.put(s, read.get(s)));
    }
    Map<String, StoredFile> out = new HashMap<>();
    for (String s : sources) {
      StoredFile f = held.get(s);
      if (f != null) {
        out.put(s, f);
      }
    }
    return out;
  }

  void added(FileEntry f) {
    added.add(LedgerRows.stored(f));
  }

  void committed() {
    added.forEach(f -> held.put(f.source(), f));
    added.clear();
    if (held.size() > MAX_HELD) {
      held.clear();
    }
  }

  void rolledBack() {
    added.clear();
  }
}
