// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import dev.trailwatch.store.StoreException;
import dev.trailwatch.store.StoreInUseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Opens the store file with the settings every connection needs. */
public final class DuckDbConnections {
  /** The store's file name inside the data folder. */
  public static final String FILE_NAME = "trailwatch.duckdb";

  private DuckDbConnections() {}

  /**
   * Opens (creating when writable) {@code dataDir/trailwatch.duckdb}. Nothing is ever downloaded: extension
   * auto-install and auto-load are off. Times are UTC.
   *
   * @throws StoreException when the file cannot be opened, e.g. because another process writes it
   */
  public static Connection open(Path dataDir, boolean readOnly) {
    return open(dataDir, readOnly, new Properties());
  }

  /**
   * Opens the store for a process of its own that ingests (not the dashboard's, whose queries want every core): DuckDB
   * works on the calling thread only. Its worker threads otherwise wake for every insert and take the readers' core;
   * on two cores an ingest of 500k events took 4–10 % less time and CPU (BENCHMARKS.md).
   */
  static Connection openForIngest(Path dataDir) {
    Properties settings = new Properties();
    settings.setProperty("threads", "1");
    return open(dataDir, false, settings);
  }

  private static Connection open(Path dataDir, boolean readOnly, Properties settings) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (readOnly && !Files.exists(file)) {
        throw new StoreException("no store at " + file + " (run 'trailwatch ingest' first, or pass --data DIR)");
      }
      if (!readOnly) {
        Files.createDirectories(dataDir);
      }
      Properties props = new Properties();
      props.putAll(settings);
      props.setProperty("autoinstall_known_extensions", "false");
      props.setProperty("autoload_known_extensions", "false");
      if (readOnly) {
        props.setProperty("duckdb.read_only", "true");
      } else if (!Files.exists(file) || Files.size(file) == 0) { // empty: left by a version that made it in place, then killed
        create(file, props);
      }
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
      try (Statement s = c.createStatement()) {
        s.execute("SET TimeZone = 'UTC'");
      }
      return c;
    } catch (SQLException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("lock")) {
        throw new StoreInUseException(dataDir, StoreServer.read(dataDir)
            .map(s -> "the store " + dataDir + " is held by trailwatch serve at " + s.url() + " (pid " + s.pid()
                + "): stop it first, or let it do this (serve --watch SOURCE ingests while it serves)")
            .orElse("the store " + file + " is in use by another process (" + DuckDbErrors.oneLine(m) + "); another trailwatch ingest or watch may be writing it"), e);
      }
      throw new StoreException("cannot open the store " + file + ": " + DuckDbErrors.oneLine(m), e);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new StoreException("cannot create the data folder " + dataDir + ": " + e.getFile() + " is a file, not a folder", e);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new, empty store file (where there is none, or one of no bytes), made whole under another name and then renamed
   * into place. A process killed while DuckDB writes a new file's first pages would otherwise leave a file DuckDB
   * refuses to open ever after ("exists, but it is not a valid DuckDB database file"); a half-made file under the
   * other name never held anything and is made again.
   */
  private static void create(Path file, Properties props) throws SQLException, java.io.IOException {
    Path making = file.resolveSibling(FILE_NAME + ".new");
    Files.deleteIfExists(making);
    Files.deleteIfExists(file.resolveSibling(FILE_NAME + ".new.wal"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + making.toAbsolutePath(), props); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    }
    try {
      if (Files.exists(file) && Files.size(file) == 0) {
        Files.delete(file); // one of no bytes never held anything
      }
      Files.move(making, file); // a rename: whole or not at all
    } catch (java.nio.file.FileAlreadyExistsException madeByAnother) { // another process made the store meanwhile: that one is used
      Files.deleteIfExists(making);
    }
  }

  /** Closes a store connection, reporting a failure as a {@link StoreException}. */
  static void close(Connection conn) {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the store: " + e.getMessage(), e);
    }
  }
}
