// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A dotted path into a record, in CloudTrail's own names ({@code requestParameters.bucketName},
 * {@code userIdentity.sessionContext.sessionIssuer.userName}). The single way to reach untyped fields.
 */
public record FieldPath(List<String> segments) {
  public FieldPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty() || segments.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("field path has an empty segment: " + String.join(".", segments));
    }
  }

  /** Parses {@code a.b.c}. */
  public static FieldPath of(String dotted) {
    return new FieldPath(List.of(dotted.split("\\.", -1)));
  }

  /** The nested document the path starts in ({@code requestParameters.x}), if it does. */
  public @Nullable NestedDocument nestedDocument() {
    return NestedDocument.named(segments.get(0));
  }

  @Override
  public String toString() {
    return String.join(".", segments);
  }
}
