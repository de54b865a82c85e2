// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * A local file, or a folder walked recursively (the {@code AWSLogs/[o-id/]<account>/CloudTrail/<region>/…}
 * layout and any other). Symbolic links are followed (a link back up the tree is walked once); hidden files
 * and folders are passed over; files come in path order. A file or folder that cannot be read does not stop
 * the walk: it is listed as {@link Unreadable}, so the ingest reports it and reads everything else.
 */
public final class LocalDirectorySource implements LogSource {
  private final Path root;
  private final LayoutSelection selection;

  public LocalDirectorySource(Path root) {
    this(root, LayoutSelection.everything());
  }

  /** Only the files in {@code selection}'s accounts, regions and days, where the folder has CloudTrail's layout. */
  public LocalDirectorySource(Path root, LayoutSelection selection) {
    this.root = root.toAbsolutePath().normalize();
    this.selection = selection;
  }

  @Override
  public List<LogFile> list() throws IOException {
    if (!Files.exists(root)) {
      throw new NoSuchFileException(root.toString(), null, "no such file or folder");
    }
    if (Files.isRegularFile(root)) {
      return List.of(file(root, Files.readAttributes(root, BasicFileAttributes.class), true));
    }
    List<LogFile> files = new ArrayList<>();
    Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
        if (hidden(p)) { // a file in a hidden folder is never visited: that folder was skipped
          return FileVisitResult.CONTINUE;
        }
        if (attrs.isRegularFile()) {
          if (selection.admits(p)) {
            files.add(file(p, attrs, false));
          }
        } else if (attrs.isSymbolicLink()) { // a link the walk could not follow: its target is gone (an unmounted disk?)
          files.add(new Unreadable(p.toString(), new NoSuchFileException(p.toString(), null, "a symbolic link to something that does not exist")));
        }
        return FileVisitResult.CONTINUE; // pipes, sockets and devices hold no logs
      }

      @Override
      public FileVisitResult visitFileFailed(Path p, IOException e) {
        if (!(e instanceof FileSystemLoopException) && !hidden(p)) {
          files.add(new Unreadable(p.toString(), e)); // reported when read; the rest of the folder is read
        }
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort(Comparator.comparing(LogFile::source));
    return files;
  }

  @Override
  public String describe() {
    return root.toString();
  }

  private static boolean hidden(Path p) {
    return p.getFileName() != null && p.getFileName().toString().startsWith(".");
  }

  private LocalFile file(Path p, BasicFileAttributes a, boolean explicit) {
    // The ledger keeps microseconds; nanoseconds would make every file look changed.
    return new LocalFile(p, a.size(), a.lastModifiedTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), explicit, selection);
  }
}
