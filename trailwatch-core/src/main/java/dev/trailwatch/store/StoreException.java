// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

/** The store could not be opened, read or written (disk full, file locked by another process, corrupt). */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
