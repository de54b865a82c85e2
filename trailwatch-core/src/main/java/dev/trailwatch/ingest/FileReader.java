// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleMatch;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.FileContent;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.ParseProblem;
import dev.trailwatch.event.ParseSummary;
import dev.trailwatch.event.RecordSink;
import dev.trailwatch.source.IoReasons;
import dev.trailwatch.source.LogFile;
import dev.trailwatch.store.FileEntry;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads one file on a worker thread: hashes its bytes, sends them in chunks (the store keeps each file's
 * original bytes), and sends its records and problems in batches, then {@link Staged.Done}.
 */
final class FileReader {
  static final int RAW_CHUNK = 1 << 20;
  private static final byte[] NONE = new byte[0];
  private final LogFileParser parser;
  private final RuleEngine rules;
  private final StagedQueue out;
  private final int batchSize;

  FileReader(LogFileParser parser, RuleEngine rules, StagedQueue out, int batchSize) {
    this.parser = parser;
    this.rules = rules;
    this.out = out;
    this.batchSize = batchSize;
  }

  void read(LogFile file, long fileId) throws InterruptedException {
    try (InputStream opened = file.open()) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Tee tee = new Tee(opened, sha, fileId, file.size());
      BufferedInputStream in = new BufferedInputStream(tee, bufferFor(file.size()));
      if (!file.explicit() && !FileContent.worthReading(in)) {
        out.put(new Staged.NotJson(fileId, file.source()));
        return;
      }
      Batcher sink = new Batcher(fileId, file.source());
      ParseSummary summary = parser.parse(in, sink, file.selection()::admitsEntry);
      in.transferTo(java.io.OutputStream.nullOutputStream()); // hash and keep every byte, also after the JSON ends
      if (tee.failure != null) { // the disk or network failed, whatever a reader above made of it (a broken archive?)
        throw tee.failure;
      }
      sink.flush();
      tee.flush();
      out.put(
          new Staged.Done(
              fileId,
              new FileEntry(fileId, file.source(), tee.total, file.lastModified().orElse(null),
                  file.etag().orElse(null), HexFormat.of().formatHex(sha.digest()), summary,
                  summary.filesPassedOver() > 0 ? file.selection().describe() : null)));
    } catch (IOException e) {
      out.put(new Staged.Failed(fileId, file.source(), IoReasons.of(e)));
    } catch (java.io.UncheckedIOException e) {
      out.put(new Staged.Failed(fileId, file.source(), IoReasons.of(e.getCause())));
    } catch (RuntimeException e) { // a bug met on this file: it costs this file only, and says so
      out.put(new Staged.Failed(fileId, file.source(), "Trailwatch could not read it (" + e + "); please report this"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * A read buffer for a file listed with this size (0 when unknown): most log files are a few KiB, and every new array
   * is zeroed in full, so a 64 KiB buffer for each of them cost more than reading them.
   */
  static int bufferFor(long listedSize) {
    return (int) Math.max(8 << 10, Math.min(listedSize, 64 << 10));
  }

  /** Batches records and problems for the writer. Runs on the worker thread. */
  private final class Batcher implements RecordSink {
    private final long fileId;
    private final String source;
    private List<CloudTrailEvent> events = new ArrayList<>(batchSize);
    private List<RuleMatch> matches = new ArrayList<>();
    private List<ParseProblem> problems = new ArrayList<>();

    Batcher(long fileId, String source) {
      this.fileId = fileId;
      this.source = source;
    }

    @Override
    public void accept(CloudTrailEvent event) {
      events.add(event);
      for (RuleMatch m : rules.evaluate(event)) { // detection runs on each event as it is read
        matches.add(m);
      }
      if (events.size() >= batchSize) {
        sendEvents();
      }
    }

    @Override
    public void problem(ParseProblem problem) {
      problems.add(problem);
      if (problems.size() >= 1000) {
        sendProblems();
      }
    }

    void flush() {
      sendEvents();
      sendProblems();
    }

    private void sendEvents() {
      if (!events.isEmpty()) {
        out.putUninterruptibly(new Staged.Events(fileId, events, matches));
        events = new ArrayList<>(batchSize);
        matches = new ArrayList<>();
      }
    }

    private void sendProblems() {
      if (!problems.isEmpty()) {
        out.putUninterruptibly(new Staged.Problems(fileId, source, problems));
        problems = new ArrayList<>();
      }
    }
  }

  /** Passes bytes through while hashing them and sending them on in chunks. */
  private final class Tee extends FilterInputStream {
    private final MessageDigest sha;
    private final long fileId;
    private final long listedSize;
    // Sized to the file as listed: most log files are a few KiB, and a new array is zeroed in full
    private byte[] chunk = NONE;
    private int filled;
    private long placed; // bytes put into chunks so far
    private int seq;
    long total;
    @Nullable IOException failure; // the first failure of the file's own stream

    Tee(InputStream in, MessageDigest sha, long fileId, long listedSize) {
      super(in);
      this.sha = sha;
      this.fileId = fileId;
      this.listedSize = listedSize;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      if (n > 0) {
        sha.update(b, off, n);
        total += n;
        int copied = 0;
        while (copied < n) {
          if (filled == chunk.length) {
            makeRoom();
          }
          int take = Math.min(n - copied, chunk.length - filled);
          System.arraycopy(b, off + copied, chunk, filled, take);
          filled += take;
          placed += take;
          copied += take;
        }
      }
      return n;
    }

    /**
     * Room for more bytes: a full chunk of the largest size is sent on; the chunk grows to what is left of the file as
     * listed (at least 4 KiB), or to twice its size when the file holds more than listed (or its size is unknown).
     */
    private void makeRoom() {
      if (chunk.length == RAW_CHUNK) {
        flush();
      }
      long wanted = Math.max(Math.max(listedSize - placed + filled, 1 << 12), 2L * chunk.length);
      chunk = Arrays.copyOf(chunk, (int) Math.min(RAW_CHUNK, wanted));
    }

    void flush() {
      if (filled > 0) {
        out.putUninterruptibly(new Staged.RawChunk(fileId, seq++, chunk, filled));
        chunk = NONE;
        filled = 0;
      }
    }
  }
}
