// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * {@link Files#walkFileTree} with symbolic links followed, except that each folder's entries are visited in name order,
 * so a walk hands its files over in a stable order as it goes instead of being collected and sorted whole. The visitor
 * is called as {@code walkFileTree} calls it: a folder that cannot be opened, or a link back up the tree ({@link
 * FileSystemLoopException}), goes to {@code visitFileFailed}; a link whose target is gone is visited with the link's own
 * attributes. Memory holds the entries of the folders on the current path only.
 */
final class SortedWalk {
  private final FileVisitor<Path> visitor;
  private final Deque<Ancestor> ancestors = new ArrayDeque<>();

  private record Ancestor(Path dir, Object key) {}

  private SortedWalk(FileVisitor<Path> visitor) {
    this.visitor = visitor;
  }

  static void walk(Path root, FileVisitor<Path> visitor) throws IOException {
    new SortedWalk(visitor).visit(root);
  }

  private FileVisitResult visit(Path p) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS); // a link to nothing
      } catch (IOException gone) {
        return visitor.visitFileFailed(p, gone);
      }
    }
    if (!a.isDirectory()) {
      return visitor.visitFile(p, a);
    }
    if (loops(p, a)) {
      return visitor.visitFileFailed(p, new FileSystemLoopException(p.toString()));
    }
    List<Path> entries = new ArrayList<>();
    boolean entered = false;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(p)) {
      FileVisitResult r = visitor.preVisitDirectory(p, a);
      if (r != FileVisitResult.CONTINUE) {
        return r == FileVisitResult.SKIP_SUBTREE ? FileVisitResult.CONTINUE : r;
      }
      entered = true;
      stream.forEach(entries::add);
    } catch (IOException e) {
      return entered ? visitor.postVisitDirectory(p, e) : visitor.visitFileFailed(p, e);
    } catch (DirectoryIteratorException e) { // a folder that failed while its entries were read
      return visitor.postVisitDirectory(p, e.getCause());
    }
    entries.sort(null);
    ancestors.push(new Ancestor(p, a.fileKey() != null ? a.fileKey() : p));
    try {
      for (Path e : entries) {
        FileVisitResult r = visit(e);
        if (r == FileVisitResult.TERMINATE) {
          return r;
        }
        if (r == FileVisitResult.SKIP_SIBLINGS) {
          break;
        }
      }
    } finally {
      ancestors.pop();
    }
    return visitor.postVisitDirectory(p, null);
  }

  /** True when {@code dir} is a folder already on the current path (a link back up the tree). */
  private boolean loops(Path dir, BasicFileAttributes a) throws IOException {
    for (Ancestor up : ancestors) {
      if (a.fileKey() != null && Objects.equals(a.fileKey(), up.key()) || a.fileKey() == null && Files.isSameFile(dir, up.dir())) {
        return true;
      }
    }
    return false;
  }
}
