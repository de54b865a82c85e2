// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.util.List;

/** A rule's condition: the boolean expression over its named searches. */
public sealed interface Condition {
  record And(List<Condition> parts) implements Condition {}

  record Or(List<Condition> parts) implements Condition {}

  record Not(Condition inner) implements Condition {}

  /** One named search. */
  record Ref(String name) implements Condition {}

  /**
   * {@code 1 of x*}, {@code all of x*}, {@code 1 of them}, {@code all of them}: the searches whose names match
   * {@code pattern} (a prefix wildcard), or all of them when pattern is null. pySigma excludes searches whose
   * name starts with an underscore from {@code them}; so do we.
   */
  record Quantified(boolean all, String pattern) implements Condition {}
}
