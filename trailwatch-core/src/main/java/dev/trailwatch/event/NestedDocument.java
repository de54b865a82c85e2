// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The nested documents of a record that stay JSON (there are hundreds of API shapes). */
public enum NestedDocument {
  REQUEST_PARAMETERS("requestParameters"),
  RESPONSE_ELEMENTS("responseElements"),
  ADDITIONAL_EVENT_DATA("additionalEventData"),
  RESOURCES("resources"),
  SERVICE_EVENT_DETAILS("serviceEventDetails");

  private static final Map<String, NestedDocument> BY_NAME = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(NestedDocument::jsonName, d -> d));

  private final String jsonName;

  NestedDocument(String jsonName) {
    this.jsonName = jsonName;
  }

  /** CloudTrail's own field name. */
  public String jsonName() {
    return jsonName;
  }

  /** The document CloudTrail names so, if any. */
  public static @Nullable NestedDocument named(String jsonName) {
    return BY_NAME.get(jsonName);
  }
}
