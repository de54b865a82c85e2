// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** One value of a field test, compiled with its modifiers. */
sealed interface ValueTest {
  /** True when {@code value} (one value of the field) satisfies this test. */
  boolean test(JsonNode value, FieldSource event);

  /** Text comparison: equality, contains, prefix, suffix, or a wildcard pattern compiled to a regex. */
  record Text(Mode mode, String literal, boolean cased, Pattern wildcard) implements ValueTest {
    enum Mode {
      EQUALS,
      CONTAINS,
      STARTS_WITH,
      ENDS_WITH,
      WILDCARD
    }

    @Override
    public boolean test(JsonNode value, FieldSource event) {
      if (value.isContainerNode() || value.isNull() || value.isMissingNode()) {
        return false;
      }
      return matches(value.asText());
    }

    boolean matches(String v) {
      return switch (mode) {
        // Exact case first: the intrinsic comparison answers most values; case folding only when it fails.
        case EQUALS -> v.equals(literal) || !cased && v.equalsIgnoreCase(literal);
        case STARTS_WITH -> v.startsWith(literal) || !cased && v.regionMatches(true, 0, literal, 0, literal.length());
        case ENDS_WITH -> v.length() >= literal.length() && v.regionMatches(!cased, v.length() - literal.length(), literal, 0, literal.length());
        case CONTAINS -> cased ? v.contains(literal) : containsIgnoreCase(v, literal);
        case WILDCARD -> wildcard.matcher(v).matches();
      };
    }

    static boolean containsIgnoreCase(String v, String needle) {
      int n = needle.length();
      for (int i = 0; i + n <= v.length(); i++) {
        if (v.regionMatches(true, i, needle, 0, n)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * {@code |re}: a Java regular expression, found anywhere in the value (pySigma's re is unanchored). A
   * literal every match must contain ({@link RegexHint}) is checked first: most values are rejected without
   * running the expression.
   */
  record Regex(Pattern pattern, String hint) implements ValueTest {
    @Override
    public boolean test(JsonNode value, FieldSource event) {
      if (value.isContainerNode() || value.isNull()) {
        return false;
      }
      return matches(value.asText());
    }

    boolean matches(String v) {
      boolean ignoreCase = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
      if (!hint.isEmpty() && !(ignoreCase ? Text.containsIgnoreCase(v, hint) : v.contains(hint))) {
        return false;
      }
      return pattern.matcher(v).find();
    }
  }

  /** {@code |cidr}: the value is an IP address inside one network. */
  record InNetwork(Cidr network) implements ValueTest {
    @Override
    public boolean test(JsonNode value, FieldSource event) {
      return value.isTextual() && network.contains(value.asText());
    }
  }

  /** {@code |gt|gte|lt|lte}: numeric comparison; values that are not numbers never match. */
  record Compare(String op, BigDecimal bound) implements ValueTest {
    @Override
    public boolean test(JsonNode value, FieldSource event) {
      BigDecimal v;
      try {
        v = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
      } catch (NumberFormatException e) {
        return false;
      }
      int c = v.compareTo(bound);
      return switch (op) {
        case "gt" -> c > 0;
        case "gte" -> c >= 0;
        case "lt" -> c < 0;
        default -> c <= 0;
      };
    }
  }

  /** {@code null}: the field is absent or null (pySigma maps it to "field is null"). */
  record IsNull() implements ValueTest {
    @Override
    public boolean test(JsonNode value, FieldSource event) {
      return value.isNull();
    }
  }

  /** {@code |fieldref}: equals (or contains, starts or ends with) another field's value. */
  record FieldRef(String other, Text.Mode mode, boolean cased) implements ValueTest {
    @Override
    public boolean test(JsonNode value, FieldSource event) {
      if (value.isContainerNode() || value.isNull()) {
        return false;
      }
      for (JsonNode o : event.values(other)) {
        if (!o.isContainerNode() && !o.isNull() && new Text(mode, o.asText(), cased, Sigma.NEVER).matches(value.asText())) {
          return true;
        }
      }
      return false;
    }
  }

  /** Keyword (full-text) search: the term anywhere in the record. */
  record Keyword(Text term) implements ValueTest {
    @Override
    public boolean test(JsonNode ignored, FieldSource event) {
      return term.matches(event.text());
    }
  }
}
