// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The values an event has at a field path; crossing an array yields each element ("any element"). */
public interface FieldSource {
  /** Every value at the dotted path; empty when the field is absent. JSON null comes back as a null node. */
  List<JsonNode> values(String field);

  /** The whole record as text, for keyword searches. */
  String text();
}
