// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

/** The nested documents of a record that stay JSON (there are hundreds of API shapes). */
public enum NestedDocument {
  REQUEST_PARAMETERS("requestParameters"),
  RESPONSE_ELEMENTS("responseElements"),
  ADDITIONAL_EVENT_DATA("additionalEventData"),
  RESOURCES("resources"),
  SERVICE_EVENT_DETAILS("serviceEventDetails");

  private final String jsonName;

  NestedDocument(String jsonName) {
    this.jsonName = jsonName;
  }

  /** CloudTrail's own field name. */
  public String jsonName() {
    return jsonName;
  }
}
