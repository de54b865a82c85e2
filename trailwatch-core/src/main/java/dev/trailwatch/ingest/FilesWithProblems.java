// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.ingest;

import java.util.ArrayList;
import java.util.List;

/** Notes the first files committed with problems, so that a summary can show their problems without a query. */
public final class FilesWithProblems implements IngestListener {
  private final int limit;
  private final List<Long> ids = new ArrayList<>();

  /** @param limit how many files to note at most */
  public FilesWithProblems(int limit) {
    this.limit = limit;
  }

  @Override
  public void committed(CommittedFile file) {
    if (file.file().summary().problems() > 0 && ids.size() < limit) {
      ids.add(file.file().fileId());
    }
  }

  /** The files' ids, in the order they were committed. */
  public List<Long> ids() {
    return List.copyOf(ids);
  }
}
