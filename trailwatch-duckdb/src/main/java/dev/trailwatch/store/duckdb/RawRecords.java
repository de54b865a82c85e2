// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Cuts a record's original text out of its file's stored bytes. */
public final class RawRecords {
  private RawRecords() {}

  /** The original text of a stored record, byte for byte. */
  public static Optional<String> find(Connection conn, String recipientAccountId, String eventKey) {
    String sql =
        "SELECT file_id, raw_offset, raw_length, raw_encoded FROM events WHERE coalesce(recipient_account_id, '') = ? AND event_key = ?";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, recipientAccountId);
      ps.setString(2, eventKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(StoredFileBytes.record(cut(conn, rs.getLong(1), rs.getLong(2), rs.getInt(3)), rs.getBoolean(4), recipientAccountId, eventKey));
      }
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot read the original record " + eventKey + ": " + e.getMessage(), e);
    }
  }

  private static byte[] cut(Connection conn, long fileId, long offset, int length) throws SQLException, IOException {
    try (InputStream plain = StoredFileBytes.open(conn, fileId)) {
      plain.skipNBytes(offset);
      byte[] bytes = plain.readNBytes(length);
      if (bytes.length != length) {
        throw new IOException("stored file bytes end before the record");
      }
      return bytes;
    }
  }
}
