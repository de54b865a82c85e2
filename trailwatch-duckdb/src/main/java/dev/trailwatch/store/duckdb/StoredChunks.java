// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One stored file's bytes as stored (compressed or not), fetched a chunk at a time as they are read: a file of any size
 * is read in the memory of one chunk (at most 1 MiB). Reading every chunk at once took as much memory as the file, and
 * a file of 170 MB in a heap of 256 MiB crashed the JVM inside DuckDB's driver.
 */
final class StoredChunks extends InputStream {
  private final PreparedStatement next;
  private int seq;
  private ByteArrayInputStream chunk = new ByteArrayInputStream(new byte[0]);
  private boolean ended;

  private StoredChunks(PreparedStatement next) {
    this.next = next;
  }

  static StoredChunks of(Connection conn, long fileId) throws SQLException {
    PreparedStatement ps = conn.prepareStatement("SELECT data FROM raw_chunks WHERE file_id = ? AND seq = ?");
    ps.setLong(1, fileId);
    return new StoredChunks(ps);
  }

  @Override
  public int read() throws IOException {
    return hasMore() ? chunk.read() : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    return hasMore() ? chunk.read(b, off, len) : -1;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n && hasMore()) {
      skipped += chunk.skip(n - skipped);
    }
    return skipped;
  }

  /** Whether a byte is left: the current chunk's, or the next one's, fetched now. */
  private boolean hasMore() throws IOException {
    while (chunk.available() == 0 && !ended) {
      try {
        next.setInt(2, seq++);
        try (ResultSet rs = next.executeQuery()) {
          if (rs.next()) {
            chunk = new ByteArrayInputStream(rs.getBytes(1));
          } else {
            ended = true;
          }
        }
      } catch (SQLException e) {
        throw new IOException("cannot read the stored file's bytes: " + e.getMessage(), e);
      }
    }
    return !ended || chunk.available() > 0;
  }

  @Override
  public void close() throws IOException {
    try {
      next.close();
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
