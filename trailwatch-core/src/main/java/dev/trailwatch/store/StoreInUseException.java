// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

import java.nio.file.Path;

/** Another process holds the store (a running {@code trailwatch serve}, or another ingest or watch). */
public final class StoreInUseException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient Path dataDir;

  public StoreInUseException(Path dataDir, String message, Throwable cause) {
    super(message, cause);
    this.dataDir = dataDir;
  }

  /** The data folder of the store that is in use. */
  public Path dataDir() {
    return dataDir;
  }
}
