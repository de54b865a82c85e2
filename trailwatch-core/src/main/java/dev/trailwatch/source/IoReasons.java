// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why a file could not be read, in words: the JDK's file exceptions carry only the path as their message. */
public final class IoReasons {
  private IoReasons() {}

  public static String of(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file (removed after it was listed?)";
    }
    return String.valueOf(e.getMessage());
  }
}
