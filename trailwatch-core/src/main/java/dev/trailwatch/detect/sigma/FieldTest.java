// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One {@code field|modifiers: values} line of a search. The field matches when any of its values (any
 * array element) passes any test, or, with {@code |all}, when every test is passed by some value.
 *
 * @param exists for {@code |exists}: whether the field must be present (then {@code tests} is empty)
 */
record FieldTest(String field, List<ValueTest> tests, boolean all, Boolean exists) {
  boolean matches(FieldSource event) {
    List<JsonNode> values = event.values(field);
    if (exists != null) {
      boolean present = values.stream().anyMatch(v -> !v.isNull());
      return present == exists;
    }
    if (values.isEmpty()) {
      // pySigma: "field: null" matches a missing field as well as a null one.
      return tests.stream().anyMatch(t -> t instanceof ValueTest.IsNull);
    }
    values = leaves(values);
    if (all) {
      for (ValueTest t : tests) {
        if (!anyValue(t, values, event)) {
          return false;
        }
      }
      return true;
    }
    for (ValueTest t : tests) {
      if (anyValue(t, values, event)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A value that is an object is searched through its leaf values, as a SIEM searches a nested document
   * (SigmaHQ's {@code requestParameters|contains: ...} rules rely on it).
   */
  private static List<JsonNode> leaves(List<JsonNode> values) {
    boolean nested = false;
    for (JsonNode v : values) {
      nested |= v.isContainerNode();
    }
    if (!nested) {
      return values;
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    for (JsonNode v : values) {
      collect(v, out);
    }
    return out;
  }

  private static void collect(JsonNode v, List<JsonNode> out) {
    if (v.isContainerNode()) {
      v.forEach(child -> collect(child, out));
    } else {
      out.add(v);
    }
  }

  private static boolean anyValue(ValueTest t, List<JsonNode> values, FieldSource event) {
    for (JsonNode v : values) {
      if (t.test(v, event)) {
        return true;
      }
    }
    return false;
  }
}
