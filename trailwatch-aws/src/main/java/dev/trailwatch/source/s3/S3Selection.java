// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which part of a CloudTrail bucket to read; empty lists and null times do not narrow. */
public record S3Selection(List<String> accounts, List<String> regions, @Nullable Instant since, @Nullable Instant until) {
  public S3Selection {
    accounts = List.copyOf(accounts);
    regions = List.copyOf(regions);
  }

  public static S3Selection everything() {
    return new S3Selection(List.of(), List.of(), null, null);
  }
}
