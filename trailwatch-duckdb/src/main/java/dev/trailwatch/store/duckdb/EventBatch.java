// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.NestedDocument;
import dev.trailwatch.event.TlsDetails;
import dev.trailwatch.event.TriState;
import dev.trailwatch.event.UserIdentity;
import dev.trailwatch.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Events on their way into the {@code events} table, one row each in the column order of
 * {@link StoreSchema#EVENT_COLUMNS}, held as Arrow columns and handed to DuckDB as one record batch by one
 * {@code INSERT … SELECT}: DuckDB then reads whole columns, where its Appender takes one call per value.
 */
final class EventBatch implements AutoCloseable {
  /**
   * Rows held before they go to DuckDB: a quarter of one of its row groups (batches of a whole row group took 200 MB
   * more memory and no less time).
   */
  static final int ROWS = 30_720;
  /** Text held before it goes to DuckDB, however few the rows: bounds the memory a batch of large records takes. */
  private static final long TEXT_BYTES = 16L << 20;

  private static final String VIEW = "trailwatch_event_batch";
  private static final Schema SCHEMA = schema();

  private final BufferAllocator allocator = new RootAllocator();
  private final VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
  private final FieldVector[] columns = root.getFieldVectors().toArray(new FieldVector[0]);
  private int rows;
  private long textBytes;
  private int column; // the next column of the row being written

  EventBatch() {
    root.allocateNew();
  }

  /**
   * Fails with what to do when this JVM does not let Arrow read direct buffers' addresses: {@code java -jar} and the
   * launcher open them (the jar's manifest says so); {@code java -cp} needs the option.
   */
  static void checkUsable() {
    if (!java.nio.Buffer.class.getModule().isOpen("java.nio", EventBatch.class.getModule())) {
      throw new StoreException("the store needs Java started with --add-opens=java.base/java.nio=ALL-UNNAMED"
          + " (java -jar trailwatch.jar and ./trailwatch do that)");
    }
  }

  /** The Arrow schema of the events table, read from its DDL so that the two cannot drift apart. */
  private static Schema schema() {
    List<Field> fields = new ArrayList<>();
    for (String line : StoreSchema.EVENT_COLUMNS.strip().split("\n")) {
      String[] parts = line.strip().replace(",", "").split(" ");
      ArrowType type = switch (parts[1]) {
        case "BIGINT" -> new ArrowType.Int(64, true);
        case "INTEGER" -> new ArrowType.Int(32, true);
        case "VARCHAR" -> ArrowType.Utf8.INSTANCE;
        case "TIMESTAMP" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        case "BOOLEAN" -> ArrowType.Bool.INSTANCE;
        default -> throw new IllegalStateException("no Arrow type for " + line);
      };
      fields.add(Field.nullable(parts[0], type));
    }
    return new Schema(fields);
  }

  /** True when the rows held should go to DuckDB before more are added. */
  boolean full() {
    return rows >= ROWS || textBytes >= TEXT_BYTES;
  }

  void add(long fileId, long dedupeHash, CloudTrailEvent e) {
    UserIdentity u = e.userIdentity();
    TlsDetails tls = e.tlsDetails();
    column = 0;
    number(dedupeHash);
    text(e.eventKey());
    text(e.eventId());
    text(e.eventVersion());
    time(e.eventTime());
    text(e.eventSource());
    text(e.eventName());
    text(e.awsRegion());
    text(e.sourceIpAddress());
    text(e.userAgent());
    text(u.type());
    text(u.principalId());
    text(u.arn());
    text(u.accountId());
    text(u.accessKeyId());
    text(u.userName());
    text(u.invokedBy());
    text(u.sessionIssuerType());
    text(u.sessionIssuerArn());
    text(u.sessionIssuerUserName());
    text(u.sessionIssuerAccountId());
    flag(u.mfaAuthenticated());
    flag(e.mfaUsed());
    text(e.actor());
    text(e.errorCode());
    text(e.errorMessage());
    flag(e.readOnly());
    text(e.eventType());
    text(e.eventCategory());
    flag(e.managementEvent());
    text(e.requestId());
    text(e.sharedEventId());
    text(e.recipientAccountId());
    text(e.vpcEndpointId());
    text(tls.tlsVersion());
    text(tls.cipherSuite());
    text(tls.clientProvidedHostHeader());
    for (NestedDocument doc : NestedDocument.values()) {
      text(e.raw().nested(doc).orElse(null));
    }
    number(fileId);
    ((IntVector) columns[column++]).setSafe(rows, e.location().recordIndex());
    number(e.location().offset());
    ((IntVector) columns[column++]).setSafe(rows, e.location().length());
    ((BitVector) columns[column++]).setSafe(rows, e.location().encoded() ? 1 : 0);
    rows++;
  }

  private void number(long v) {
    ((BigIntVector) columns[column++]).setSafe(rows, v);
  }

  private void text(@Nullable String v) {
    VarCharVector c = (VarCharVector) columns[column++];
    if (v != null) {
      byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
      c.setSafe(rows, utf8);
      textBytes += utf8.length;
    }
  }

  private void time(@Nullable Instant t) {
    TimeStampMicroVector c = (TimeStampMicroVector) columns[column++];
    if (t != null) {
      c.setSafe(rows, Appends.micros(t));
    }
  }

  private void flag(TriState v) {
    BitVector c = (BitVector) columns[column++];
    if (v != TriState.ABSENT) {
      c.setSafe(rows, v == TriState.TRUE ? 1 : 0);
    }
  }

  /** Hands the rows held to DuckDB, into the connection's open transaction, and starts an empty batch. */
  void insertInto(DuckDBConnection conn) throws SQLException {
    if (rows == 0) {
      return;
    }
    root.setRowCount(rows);
    try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
      Data.exportArrayStream(allocator, new OneBatch(allocator), stream);
      conn.registerArrowStream(VIEW, stream);
      try (Statement s = conn.createStatement()) {
        s.execute("INSERT INTO events SELECT * FROM " + VIEW);
      }
    } finally {
      discard();
    }
  }

  /** Forgets the rows held. */
  void discard() {
    root.clear();
    root.allocateNew();
    rows = 0;
    textBytes = 0;
  }

  @Override
  public void close() {
    root.close();
    allocator.close();
  }

  /** The rows held, as the one batch of a stream: moved (not copied) into the stream's own vectors. */
  private final class OneBatch extends ArrowReader {
    private boolean read;

    OneBatch(BufferAllocator allocator) {
      super(allocator);
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
      if (read) {
        return false;
      }
      read = true;
      VectorSchemaRoot into = getVectorSchemaRoot();
      for (int i = 0; i < columns.length; i++) {
        columns[i].makeTransferPair(into.getVector(i)).transfer(); // their value counts set by insertInto
      }
      into.setRowCount(rows);
      return true;
    }

    @Override
    public long bytesRead() {
      return 0;
    }

    @Override
    protected void closeReadSource() {
      // the rows were moved from the batch, which keeps its vectors
    }

    @Override
    protected Schema readSchema() {
      return SCHEMA;
    }
  }
}
