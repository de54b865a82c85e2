// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local file, or a folder walked recursively (the {@code AWSLogs/[o-id/]<account>/CloudTrail/<region>/…}
 * layout and any other). Hidden files and folders are passed over; files come in path order.
 */
public final class LocalDirectorySource implements LogSource {
  private final Path root;

  public LocalDirectorySource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public List<LogFile> list() throws IOException {
    if (!Files.exists(root)) {
      throw new NoSuchFileException(root.toString(), null, "no such file or folder");
    }
    if (Files.isRegularFile(root)) {
      return List.of(file(root, true));
    }
    List<LogFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> !isHidden(root.relativize(p)))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(Path::toString))
          .forEach(p -> files.add(file(p, false)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return files;
  }

  @Override
  public String describe() {
    return root.toString();
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static LocalFile file(Path p, boolean explicit) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      // The ledger keeps microseconds; nanoseconds would make every file look changed.
      return new LocalFile(p, a.size(), a.lastModifiedTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), explicit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
