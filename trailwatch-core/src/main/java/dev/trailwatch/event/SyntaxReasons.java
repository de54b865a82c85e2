// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.util.Locale;

/** How a problem with a file's JSON is said: one line, in the words a user knows. */
final class SyntaxReasons {
  private SyntaxReasons() {}

  /** A line of JSON lines that holds valid JSON but not an object, handled as a syntax error is. */
  static final class BadLine extends JsonParseException {
    private static final long serialVersionUID = 1L;

    BadLine(JsonParser p, String reason) {
      super(p, reason, p.currentTokenLocation());
    }
  }

  /** The reason for a syntax error (its first line: Jackson's go on with where it was). */
  static String of(JsonProcessingException e) {
    if (e instanceof BadLine) {
      return e.getOriginalMessage();
    }
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return "invalid JSON: " + (newline < 0 ? message : message.substring(0, newline));
  }

  /** What a token opens or is: "string", "number", "array", … */
  static String describe(JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      case START_ARRAY -> "array";
      default -> t.asString() == null ? t.name().toLowerCase(Locale.ROOT) : t.asString();
    };
  }
}
