// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.util.List;

/** The body of one named search under {@code detection}. */
sealed interface Search {
  boolean matches(FieldSource event);

  /** A map: every field test must match (AND). */
  record AllFields(List<FieldTest> fields) implements Search {
    @Override
    public boolean matches(FieldSource event) {
      for (FieldTest f : fields) {
        if (!f.matches(event)) {
          return false;
        }
      }
      return true;
    }
  }

  /** A list of maps: any map may match (OR). */
  record AnyOf(List<Search> alternatives) implements Search {
    @Override
    public boolean matches(FieldSource event) {
      for (Search s : alternatives) {
        if (s.matches(event)) {
          return true;
        }
      }
      return false;
    }
  }

  /** A list of keywords: any term anywhere in the record (OR; AND with {@code |all}). */
  record Keywords(List<ValueTest> terms, boolean all) implements Search {
    @Override
    public boolean matches(FieldSource event) {
      for (ValueTest t : terms) {
        boolean hit = t.test(com.fasterxml.jackson.databind.node.NullNode.getInstance(), event);
        if (all && !hit) {
          return false;
        }
        if (!all && hit) {
          return true;
        }
      }
      return all;
    }
  }
}
