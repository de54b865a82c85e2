// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.StoredFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The files ledger's newest row of each source, read from the table once and then kept up to date with the store's
 * own commits: every write goes through the store (the database is locked to this process, and the dashboard that
 * may share it writes no files). A watch over a folder of many files compares every file with it at every round.
 */
final class Ledger {
  private @Nullable Map<String, StoredFile> latest;
  private final List<StoredFile> added = new ArrayList<>(); // rows of the open transaction

  Map<String, StoredFile> latest(Connection conn) throws SQLException {
    if (latest == null) {
      latest = LedgerRows.latestFiles(conn);
    }
    return Collections.unmodifiableMap(latest);
  }

  void added(FileEntry f) {
    added.add(LedgerRows.stored(f));
  }

  void committed() {
    if (latest != null) {
      added.forEach(f -> latest.put(f.source(), f));
    }
    added.clear();
  }

  void rolledBack() {
    added.clear();
  }
}
