// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored file's chunks, fetched one at a time as they are read, give its bytes in order. */
class StoredChunksTest {
  @TempDir Path data;

  @Test
  void aFileStoredInChunksIsReadWholeAndSkippedAcrossTheirBoundaries() throws Exception {
    byte[][] chunks = {bytes(1000, 1), bytes(1, 2), bytes(70_000, 3), bytes(5, 4)};
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    long fileId;
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      fileId = store.nextFileId();
      long other = store.nextFileId();
      for (int seq = 0; seq < chunks.length; seq++) {
        byte[] padded = Arrays.copyOf(chunks[seq], chunks[seq].length + 7); // only the first length bytes are the chunk
        store.addRawChunk(fileId, seq, padded, chunks[seq].length);
        store.addRawChunk(other, seq, bytes(100, 9), 100); // another file's, in between
        whole.write(chunks[seq]);
      }
      store.commit();
    }
    byte[] expected = whole.toByteArray();
    try (Connection c = DuckDbConnections.open(data, true)) {
      try (InputStream in = StoredChunks.of(c, fileId)) {
        assertThat(in.readAllBytes()).isEqualTo(expected);
        assertThat(in.read()).isEqualTo(-1);
      }
      try (InputStream in = StoredChunks.of(c, fileId)) {
        assertThat(in.skip(999)).isEqualTo(999);
        assertThat(in.readNBytes(3)).isEqualTo(Arrays.copyOfRange(expected, 999, 1002)); // the end of one, a whole one, the start of the next
        in.skipNBytes(70_000 - 1);
        assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(expected, 71_001, expected.length));
        assertThat(in.skip(10)).isZero();
      }
      try (InputStream in = StoredChunks.of(c, 12345)) { // no chunks: a file of no bytes
        assertThat(in.read()).isEqualTo(-1);
      }
    }
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
