// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.StoredFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files ledger's newest row of the sources asked about, read from the table for those not asked about lately and
 * kept up to date with the store's own commits: every write goes through the store (the database is locked to this
 * process, and the dashboard that may share it writes no files). A watch compares the files it lists with it at every
 * round, and asks the table only about the new ones; an ingest reads the rows of the files it lists, not the whole
 * history. The sources asked about longest ago are forgotten beyond a limit: at about 512 bytes a source, a
 * sixteenth of the heap, at least 8,192 and at most 1M, so that what is kept does not grow with the files listed.
 */
final class Ledger {
  private static final int BYTES_A_SOURCE = 512;
  private final int max;
  private final Map<String, Optional<StoredFile>> held; // empty: no row
  private final List<StoredFile> added = new ArrayList<>(); // rows of the open transaction

  Ledger() {
    this(Math.toIntExact(Math.max(8_192, Math.min(1_000_000, Runtime.getRuntime().maxMemory() / 16 / BYTES_A_SOURCE))));
  }

  Ledger(int max) {
    this.max = max;
    this.held = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Optional<StoredFile>> eldest) {
        return size() > Ledger.this.max;
      }
    };
  }

  /** How many sources are kept now. */
  int size() {
    return held.size();
  }

  Map<String, StoredFile> latest(Connection conn, Collection<String> sources) throws SQLException {
    Map<String, StoredFile> out = new HashMap<>();
    Set<String> unknown = new LinkedHashSet<>();
    for (String s : sources) {
      Optional<StoredFile> f = held.get(s);
      if (f == null) {
        unknown.add(s);
      } else {
        f.ifPresent(row -> out.put(s, row));
      }
    }
    if (!unknown.isEmpty()) {
      Map<String, StoredFile> read = LedgerRows.latestFiles(conn, unknown);
      out.putAll(read);
      unknown.forEach(s -> held.put(s, Optional.ofNullable(read.get(s))));
    }
    return out;
  }

  void added(FileEntry f) {
    added.add(LedgerRows.stored(f));
  }

  void committed() {
    added.forEach(f -> held.put(f.source(), Optional.of(f)));
    added.clear();
  }

  void rolledBack() {
    added.clear();
  }
}
