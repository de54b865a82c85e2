// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real CloudTrail files in {@code ../shared/samples}. The build passes the folder as the system property
 * {@code trailwatch.shared}; without it, {@code ../shared} from the working directory is tried.
 */
public final class SharedSamples {
  private SharedSamples() {}

  /** The shared folder beside the project root. */
  public static Path shared() {
    String configured = System.getProperty("trailwatch.shared");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "shared");
    if (!Files.isDirectory(dir.resolve("samples"))) {
      throw new IllegalStateException("no samples folder in " + dir.toAbsolutePath());
    }
    return dir.toAbsolutePath().normalize();
  }

  /** The samples folder. */
  public static Path dir() {
    return shared().resolve("samples");
  }

  /** One sample file, e.g. {@code cpl/SerializerTestFile.json}. */
  public static Path file(String relative) {
    return dir().resolve(relative);
  }
}
