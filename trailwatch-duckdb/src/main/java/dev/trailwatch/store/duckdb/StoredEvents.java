// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.EmbeddedRecord;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Replays stored events from the files' stored bytes (never from the original files): each file's bytes are
 * decompressed once and its records cut out in order, so a retro-hunt runs the same engine on exactly what
 * was ingested.
 */
public final class StoredEvents implements AutoCloseable {
  private static final int FILES_PER_QUERY = 256;
  /**
   * The stored bytes of one group of files read at once, at most (a larger file is a group of its own, read a chunk at a
   * time): a retro-hunt's memory does not grow with the files' sizes.
   */
  static final long BYTES_PER_QUERY = 32L << 20;
  private final Connection conn;
  private final LogFileParser parser = new LogFileParser();

  private StoredEvents(Connection conn) {
    this.conn = conn;
  }

  public static StoredEvents open(Path dataDir) {
    return new StoredEvents(DuckDbConnections.open(dataDir, true));
  }

  /** Hears how many of the files to replay are done. */
  public interface Progress {
    void filesDone(int done, int total);
  }

  /**
   * Every stored event with an event time in [{@code since}, {@code until}) (either may be null: open) and, when
   * given, an event name in {@code names}, file by file; tells {@code progress} after each group of files and
   * returns how many events were replayed.
   */
  public long forEach(@Nullable Instant since, @Nullable Instant until, @Nullable Set<String> names, Consumer<CloudTrailEvent> action, Progress progress) {
    StringBuilder where = new StringBuilder(" WHERE true");
    List<Object> args = new ArrayList<>();
    if (since != null) {
      where.append(" AND event_time >= ?");
      args.add(LocalDateTime.ofInstant(since, ZoneOffset.UTC));
    }
    if (until != null) {
      where.append(" AND event_time < ?");
      args.add(LocalDateTime.ofInstant(until, ZoneOffset.UTC));
    }
    if (names != null) {
      where.append(" AND lower(event_name) IN (SELECT unnest(string_split(?, '\u0001')))");
      args.add(String.join("\u0001", names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()));
    }
    long count = 0;
    try {
      List<Long> files = new ArrayList<>();
      List<Long> sizes = new ArrayList<>();
      try (PreparedStatement ps = conn.prepareStatement("SELECT file_id, size FROM files WHERE file_id IN (SELECT file_id FROM events" + where + ") ORDER BY file_id")) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            files.add(rs.getLong(1));
            sizes.add(rs.getLong(2));
          }
        }
      }
      // A few queries per group of files, not two per file: each query costs DuckDB milliseconds.
      for (int i = 0, end; i < files.size(); i = end) {
        long bytes = sizes.get(i);
        for (end = i + 1; end < files.size() && end - i < FILES_PER_QUERY && bytes + sizes.get(end) <= BYTES_PER_QUERY; end++) {
          bytes += sizes.get(end);
        }
        count += replay(files.subList(i, end), bytes <= BYTES_PER_QUERY, where.toString(), args, action);
        progress.filesDone(end, files.size());
      }
      return count;
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot replay stored events: " + e.getMessage(), e);
    }
  }

  /** The events of {@code files}, whose stored bytes are read at once when {@code atOnce}, else a chunk at a time (one file). */
  private long replay(List<Long> files, boolean atOnce, String where, List<Object> args, Consumer<CloudTrailEvent> action) throws SQLException, IOException {
    StringJoiner ids = new StringJoiner(",", "(", ")");
    files.forEach(f -> ids.add(Long.toString(f))); // our own numbers, never event text
    Map<Long, List<Slice>> slices = new HashMap<>();
    // A text-delivered record's identity picks it out of the records its text may share (a whole log file as a
    // shipper's message); the others need none, and a retro-hunt reads millions of them
    try (PreparedStatement ps = conn.prepareStatement("SELECT file_id, raw_offset, raw_length, raw_encoded, CASE WHEN raw_encoded THEN recipient_account_id END,"
        + " CASE WHEN raw_encoded THEN event_key END FROM events" + where + " AND file_id IN " + ids + " ORDER BY file_id, raw_offset")) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          boolean encoded = rs.getBoolean(4);
          slices.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new Slice(rs.getLong(2), rs.getInt(3), encoded ? CloudTrailEvent.identity(rs.getString(5), rs.getString(6)) : null));
        }
      }
    }
    if (!atOnce) {
      long file = files.get(0);
      try (InputStream plain = StoredFileBytes.open(conn, file)) {
        return replay(slices.getOrDefault(file, List.of()), plain, action);
      }
    }
    Map<Long, List<byte[]>> chunks = new HashMap<>();
    try (PreparedStatement ps = conn.prepareStatement("SELECT file_id, data FROM raw_chunks WHERE file_id IN " + ids + " ORDER BY file_id, seq");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        chunks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getBytes(2));
      }
    }
    long done = 0;
    for (long file : files) {
      try (InputStream plain = StoredFileBytes.open(chunks.getOrDefault(file, List.of()))) {
        done += replay(slices.getOrDefault(file, List.of()), plain, action);
      }
    }
    return done;
  }

  /** The events of one file whose decompressed content is {@code plain}, each cut out where {@code slices} say. */
  private long replay(List<Slice> slices, InputStream plain, Consumer<CloudTrailEvent> action) throws IOException {
    long done = 0;
    long at = 0;
    for (int i = 0; i < slices.size(); ) {
      Slice s = slices.get(i++);
      plain.skipNBytes(s.offset() - at);
      byte[] bytes = plain.readNBytes(s.length());
      at = s.offset() + s.length();
      if (s.identity() == null) {
        for (CloudTrailEvent e : EmbeddedRecord.storedRecord(bytes, parser)) {
          action.accept(e);
          done++;
        }
        continue;
      }
      // Records delivered in one text share its slice: it is read once, and yields the records asked for
      Set<String> wanted = new HashSet<>(List.of(s.identity()));
      for (; i < slices.size() && slices.get(i).offset() == s.offset(); i++) {
        wanted.add(slices.get(i).identity());
      }
      // the parser finds the records in the string's text as it did at ingest
      long[] yielded = {0};
      EmbeddedRecord.eventsIn(StoredFileBytes.text(bytes, true), parser, e -> {
        if (wanted.contains(e.identity())) {
          action.accept(e);
          yielded[0]++;
        }
      });
      done += yielded[0];
    }
    return done;
  }

  /**
   * Where a stored record lies in its file; for a record delivered as a JSON string (its slice that string), which
   * record it is ({@link CloudTrailEvent#identity()}).
   */
  private record Slice(long offset, int length, @Nullable String identity) {}

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }

  @Override
  public void close() {
    DuckDbConnections.close(conn);
  }
}
