// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.event.ParseProblem;
import dev.trailwatch.store.FileEntry;
import dev.trailwatch.store.FileStatus;
import dev.trailwatch.store.StoredFile;
import dev.trailwatch.store.StoredProblem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/** The rows that say what became of each file: the {@code files} ledger and the {@code problems} found in them. */
final class LedgerRows {
  private LedgerRows() {}

  /** The latest ledger row of each of {@code sources} that has one. */
  static Map<String, StoredFile> latestFiles(Connection conn, Collection<String> sources) throws SQLException {
    String sql =
        """
        SELECT file_id, source, size, last_modified, etag, sha256, format, status, selection FROM files
        WHERE source IN (SELECT unnest(?::VARCHAR[]))
        QUALIFY row_number() OVER (PARTITION BY source ORDER BY file_id DESC) = 1""";
    Map<String, StoredFile> out = new HashMap<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setArray(1, conn.createArrayOf("VARCHAR", sources.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String source = rs.getString(2);
          out.put(source, new StoredFile(rs.getLong(1), source, rs.getLong(3), DuckDbEventStore.instant(rs.getObject(4, LocalDateTime.class)),
              rs.getString(5), rs.getString(6), rs.getString(7), FileStatus.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)),
              rs.getString(9)));
        }
      }
    }
    return out;
  }

  /** The ledger row {@link #appendFile} writes for {@code f}, as {@link #latestFiles} reads it back. */
  static StoredFile stored(FileEntry f) {
    return new StoredFile(f.fileId(), f.source(), f.size(), f.lastModified(), f.etag(), f.sha256(), f.summary().format().label(), f.status(), f.selection());
  }

  static void appendFile(DuckDBAppender files, FileEntry f, int eventsNew, int eventsDuplicate) throws SQLException {
    files.beginRow();
    files.append(f.fileId());
    files.append(f.source());
    files.append(f.size());
    Appends.time(files, f.lastModified());
    Appends.text(files, f.etag());
    files.append(f.sha256());
    files.append(f.summary().format().label());
    files.append(f.status().label());
    files.append(f.summary().records());
    files.append(eventsNew);
    files.append(eventsDuplicate);
    files.append(f.summary().problems());
    files.append(f.summary().recordsWithUnknownFields());
    files.append(f.summary().decompressedBytes());
    files.appendEpochMicros(Appends.micros(Instant.now()));
    Appends.text(files, f.selection());
    files.endRow();
  }

  static void appendProblems(DuckDBAppender problems, long fileId, String source, List<ParseProblem> found) throws SQLException {
    for (ParseProblem p : found) {
      problems.beginRow();
      problems.append(fileId);
      problems.append(source);
      problems.append(p.recordIndex());
      problems.append(p.byteOffset());
      problems.append(p.reason());
      problems.append(p.rawText());
      problems.endRow();
    }
  }

  /** The first problems of the files {@code fileIds}, at most {@code limit}, taken from each file in turn. */
  static List<StoredProblem> problemsOf(Connection conn, Collection<Long> fileIds, int limit) throws SQLException {
    List<StoredProblem> found = new ArrayList<>();
    if (fileIds.isEmpty()) {
      return found;
    }
    String marks = String.join(", ", Collections.nCopies(fileIds.size(), "?"));
    String sql = "SELECT source, record_index, byte_offset, reason FROM (SELECT *, row_number() OVER (PARTITION BY file_id"
        + " ORDER BY byte_offset, record_index) AS nth FROM problems WHERE file_id IN (" + marks + ") ORDER BY nth, file_id, byte_offset,"
        + " record_index LIMIT ?) ORDER BY file_id, byte_offset, record_index";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      int i = 1;
      for (long id : fileIds) {
        ps.setLong(i++, id);
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new StoredProblem(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4)));
        }
      }
    }
    return found;
  }
}
