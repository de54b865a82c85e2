// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The dashboard server that holds a store open, as it announces itself in {@code DIR/server.properties}: other
 * commands cannot open the file while it runs, so they ask it over its API instead. No secret is written:
 * only whether a token is needed.
 *
 * @param url where the server answers on this machine, e.g. {@code http://127.0.0.1:8080/}
 */
public record StoreServer(String url, long pid, boolean tokenRequired) {
  static final String FILE_NAME = "server.properties";

  /** Announces this server in {@code dataDir}. */
  public void write(Path dataDir) throws IOException {
    Properties p = new Properties();
    p.setProperty("url", url);
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("token_required", Boolean.toString(tokenRequired));
    Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "written by trailwatch serve while it holds the store; removed when it stops");
    }
    Files.move(tmp, dataDir.resolve(FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the announcement, if it is still this server's. */
  public void remove(Path dataDir) throws IOException {
    if (read(dataDir).filter(this::equals).isPresent()) {
      Files.deleteIfExists(dataDir.resolve(FILE_NAME));
    }
  }

  /** The server announced in {@code dataDir}, if one is and its process is alive. */
  public static Optional<StoreServer> read(Path dataDir) {
    Path f = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
      StoreServer s = new StoreServer(p.getProperty("url", ""), Long.parseLong(p.getProperty("pid", "-1")), Boolean.parseBoolean(p.getProperty("token_required")));
      return s.url().startsWith("http") && ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false) ? Optional.of(s) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // a torn or foreign file: as if no server announced itself
    }
  }
}
