// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.trailwatch.store.StoreException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Cuts a record's original text out of its file's stored bytes. */
final class RawRecords {
  private static final JsonFactory JSON = new JsonFactory();

  private RawRecords() {}

  static Optional<String> find(Connection conn, String recipientAccountId, String eventKey) {
    String sql =
        "SELECT file_id, raw_offset, raw_length, raw_encoded FROM events WHERE coalesce(recipient_account_id, '') = ? AND event_key = ?";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, recipientAccountId);
      ps.setString(2, eventKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(cut(conn, rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4)));
      }
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot read the original record " + eventKey + ": " + e.getMessage(), e);
    }
  }

  private static String cut(Connection conn, long fileId, long offset, int length, boolean encoded)
      throws SQLException, IOException {
    List<InputStream> chunks = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement("SELECT data FROM raw_chunks WHERE file_id = ? ORDER BY seq")) {
      ps.setLong(1, fileId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          chunks.add(new ByteArrayInputStream(rs.getBytes(1)));
        }
      }
    }
    BufferedInputStream in = new BufferedInputStream(new SequenceInputStream(Collections.enumeration(chunks)), 1 << 16);
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    try (InputStream plain = gzip ? new GZIPInputStream(in, 1 << 16) : in) {
      plain.skipNBytes(offset);
      byte[] bytes = plain.readNBytes(length);
      if (bytes.length != length) {
        throw new IOException("stored file bytes end before the record");
      }
      if (!encoded) {
        return new String(bytes, StandardCharsets.UTF_8);
      }
      try (JsonParser p = JSON.createParser(bytes)) {
        p.nextToken();
        return p.getText();
      }
    }
  }
}
