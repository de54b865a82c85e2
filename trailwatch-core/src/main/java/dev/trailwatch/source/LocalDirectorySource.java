// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * A local file, or a folder walked recursively (the {@code AWSLogs/[o-id/]<account>/CloudTrail/<region>/…}
 * layout and any other). Symbolic links are followed (a link back up the tree is walked once); hidden files
 * and folders are passed over; files are handed over as the walk finds them, each folder's entries by name. A file
 * or folder that cannot be read does not stop the walk: it is listed as {@link Unreadable}, so the ingest reports it
 * and reads everything else.
 */
public final class LocalDirectorySource implements LogSource {
  private final Path root;
  private final LayoutSelection selection;
  private final @Nullable SettledDays days; // a watch's later rounds: the day folders they need not walk

  public LocalDirectorySource(Path root) {
    this(root, LayoutSelection.everything());
  }

  /** Only the files in {@code selection}'s accounts, regions and days, where the folder has CloudTrail's layout. */
  public LocalDirectorySource(Path root, LayoutSelection selection) {
    this(root, selection, null);
  }

  private LocalDirectorySource(Path root, LayoutSelection selection, @Nullable SettledDays days) {
    this.root = root.toAbsolutePath().normalize();
    this.selection = selection;
    this.days = days;
  }

  /**
   * The source a watch lists on later rounds: it passes over the day folders of CloudTrail's layout that settled in an
   * earlier round ({@link SettledDays}), so that a round costs the recent days, not the whole history. Told after each
   * round whose files were all read, which settles what that round's walk found.
   */
  @Override
  public LogSource forPolling() {
    if (days == null) {
      return new LocalDirectorySource(root, selection, new SettledDays());
    }
    days.roundRead();
    return this;
  }

  /** Files are handed over as the walk finds them, each folder's entries in name order. */
  @Override
  public void list(Sink sink) throws IOException, InterruptedException {
    if (!Files.exists(root)) {
      throw new NoSuchFileException(root.toString(), null, "no such file or folder");
    }
    if (Files.isRegularFile(root)) {
      sink.accept(file(root, Files.readAttributes(root, BasicFileAttributes.class), true));
      return;
    }
    SettledDays settled = days != null ? days : new SettledDays(); // an ingest's walk settles nothing that is kept
    settled.walkStarts(java.time.Instant.now());
    try {
      SortedWalk.walk(root, visitor(settled, sink));
    } catch (InterruptedIOException e) {
      throw new InterruptedException(e.getMessage());
    }
  }

  private FileVisitor<Path> visitor(SettledDays settled, Sink sink) {
    return new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (dir.equals(root)) {
          return FileVisitResult.CONTINUE;
        }
        if (hidden(dir) || settled.passOver(dir, attrs)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        settled.entering(dir, attrs);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) throws IOException {
        if (e != null) { // the folder failed while its entries were read
          settled.failed(dir);
          hand(new Unreadable(dir.toString(), e));
        }
        settled.leaving(dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
        if (hidden(p)) { // a file in a hidden folder is never visited: that folder was skipped
          return FileVisitResult.CONTINUE;
        }
        settled.found(p, attrs);
        if (attrs.isRegularFile()) {
          if (selection.admits(p)) {
            hand(file(p, attrs, false));
          }
        } else if (attrs.isSymbolicLink()) { // a link the walk could not follow: its target is gone (an unmounted disk?)
          hand(new Unreadable(p.toString(), new NoSuchFileException(p.toString(), null, "a symbolic link to something that does not exist")));
        }
        return FileVisitResult.CONTINUE; // pipes, sockets and devices hold no logs
      }

      @Override
      public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
        settled.failed(p);
        if (!(e instanceof FileSystemLoopException) && !hidden(p)) {
          hand(new Unreadable(p.toString(), e)); // reported when read; the rest of the folder is read
        }
        return FileVisitResult.CONTINUE;
      }

      /** The visitor's methods may throw only IOException: an interrupted hand-over travels as one. */
      private void hand(LogFile f) throws InterruptedIOException {
        try {
          sink.accept(f);
        } catch (InterruptedException e) {
          throw new InterruptedIOException("interrupted while listing " + root);
        }
      }
    };
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
