// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.trailwatch.event.EmbeddedRecord;
import dev.trailwatch.event.FileContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/** A stored file's original bytes, decompressed, and the records cut out of them. */
final class StoredFileBytes {
  private static final JsonFactory JSON = new JsonFactory(); // thread-safe, and costly to make for every slice

  private StoredFileBytes() {}

  /** The file's decompressed content (its stored chunks in order, gunzipped when they are gzip). */
  static InputStream open(Connection conn, long fileId) throws SQLException, IOException {
    StoredChunks chunks = StoredChunks.of(conn, fileId);
    try {
      return FileContent.decode(chunks);
    } catch (IOException | RuntimeException e) {
      chunks.close();
      throw e;
    }
  }

  /** The content of a file whose stored chunks, in order, are {@code chunks}, as the parser read it. */
  static InputStream open(List<byte[]> chunks) throws IOException {
    return FileContent.decode(new SequenceInputStream(Collections.enumeration(chunks.stream().map(ByteArrayInputStream::new).toList())));
  }

  /** The text of a record's slice: the slice itself, or the decoded JSON string when the record was delivered as one. */
  static String text(byte[] slice, boolean encoded) throws IOException {
    if (!encoded) {
      return new String(slice, StandardCharsets.UTF_8);
    }
    try (JsonParser p = JSON.createParser(slice)) {
      p.nextToken();
      return p.getText();
    }
  }

  /**
   * The original record whose account ({@code ""} for none) and key are these: the slice's text, or the record in the
   * decoded JSON string (the string's text, the detail of the EventBridge event it is, or one record of the log file
   * it is).
   */
  static String record(byte[] slice, boolean encoded, String recipientAccountId, String eventKey) throws IOException {
    String text = text(slice, encoded);
    return encoded ? EmbeddedRecord.originalIn(text, recipientAccountId, eventKey) : text;
  }
}
