// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Notes the first committed files of a kind (with problems, read in part), so that a summary can name them, and show
 * their problems, without a query.
 */
public final class FirstFiles implements IngestListener {
  private final int limit;
  private final Predicate<CommittedFile> kind;
  private final List<CommittedFile> files = new ArrayList<>();

  /** @param limit how many files to note at most */
  public FirstFiles(int limit, Predicate<CommittedFile> kind) {
    this.limit = limit;
    this.kind = kind;
  }

  /** The first files committed with problems. */
  public static FirstFiles withProblems(int limit) {
    return new FirstFiles(limit, f -> f.file().summary().problems() > 0);
  }

  @Override
  public void committed(CommittedFile file) {
    if (files.size() < limit && kind.test(file)) {
      files.add(file);
    }
  }

  /** The files, in the order they were committed. */
  public List<CommittedFile> files() {
    return List.copyOf(files);
  }

  /** Their ids, in the order they were committed. */
  public List<Long> ids() {
    return files.stream().map(f -> f.file().fileId()).toList();
  }
}
