// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a Sigma condition: {@code and}, {@code or}, {@code not}, parentheses, {@code 1 of x*}, {@code all of
 * x*}, {@code 1 of them}, {@code all of them}. Precedence, loosest first: {@code or}, {@code and}, {@code not}
 * (as in the specification and pySigma). Keywords are case-insensitive.
 */
final class ConditionParser {
  private final List<String> tokens;
  private final String text;
  private int at;

  private ConditionParser(String text) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  /** The parsed condition; throws IllegalArgumentException naming the problem. */
  static Condition parse(String text) {
    ConditionParser p = new ConditionParser(text);
    if (p.tokens.isEmpty()) {
      throw new IllegalArgumentException("the condition is empty");
    }
    Condition c = p.or();
    if (p.at < p.tokens.size()) {
      throw new IllegalArgumentException("unexpected '" + p.tokens.get(p.at) + "' in condition '" + text + "'");
    }
    return c;
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else {
        int j = i;
        while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '(' && s.charAt(j) != ')') {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  private Condition or() {
    List<Condition> parts = new ArrayList<>(List.of(and()));
    while (peekKeyword("or")) {
      at++;
      parts.add(and());
    }
    return parts.size() == 1 ? parts.get(0) : new Condition.Or(parts);
  }

  private Condition and() {
    List<Condition> parts = new ArrayList<>(List.of(not()));
    while (peekKeyword("and")) {
      at++;
      parts.add(not());
    }
    return parts.size() == 1 ? parts.get(0) : new Condition.And(parts);
  }

  private Condition not() {
    if (peekKeyword("not")) {
      at++;
      return new Condition.Not(not());
    }
    return atom();
  }

  private Condition atom() {
    if (at >= tokens.size()) {
      throw new IllegalArgumentException("condition '" + text + "' ends where a search name was expected");
    }
    String t = tokens.get(at++);
    if (t.equals("(")) {
      Condition inner = or();
      if (at >= tokens.size() || !tokens.get(at).equals(")")) {
        throw new IllegalArgumentException("missing ')' in condition '" + text + "'");
      }
      at++;
      return inner;
    }
    if (t.equals(")")) {
      throw new IllegalArgumentException("unexpected ')' in condition '" + text + "'");
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if ((lower.equals("1") || lower.equals("all") || lower.equals("any")) && peekKeyword("of")) {
      at++;
      if (at >= tokens.size()) {
        throw new IllegalArgumentException("'" + t + " of' needs a search name pattern or 'them'");
      }
      String target = tokens.get(at++);
      String pattern = target.equalsIgnoreCase("them") ? "*" : target;
      return new Condition.Quantified(lower.equals("all"), pattern);
    }
    if (lower.equals("and") || lower.equals("or") || lower.equals("of") || lower.equals("|")) {
      throw new IllegalArgumentException("unexpected '" + t + "' in condition '" + text + "'");
    }
    return new Condition.Ref(t);
  }

  private boolean peekKeyword(String keyword) {
    return at < tokens.size() && tokens.get(at).equalsIgnoreCase(keyword);
  }
}
