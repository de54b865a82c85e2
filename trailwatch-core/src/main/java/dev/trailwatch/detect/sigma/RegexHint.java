// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

/**
 * The longest literal that every match of a regular expression must contain, found conservatively: none
 * for alternations, and only from the top level (outside groups and classes), so a value without it can be
 * rejected before the expression runs. An empty result means "no hint".
 */
final class RegexHint {
  private RegexHint() {}

  static String requiredLiteral(String re) {
    if (re.indexOf('|') >= 0) {
      return "";
    }
    String best = "";
    StringBuilder run = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (depth > 0) {
        if (c == '\\') {
          i++;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
        continue;
      }
      char next = i + 1 < re.length() ? re.charAt(i + 1) : 0;
      if (c == '\\' && i + 1 < re.length()) {
        if (Character.isLetterOrDigit(next)) {
          best = longer(best, run); // \d, \w, \Q… and the like are not literals
          run.setLength(0);
          i++;
          continue;
        }
        i++;
        c = next;
        next = i + 1 < re.length() ? re.charAt(i + 1) : 0;
      } else if ("^$.".indexOf(c) >= 0) {
        best = longer(best, run);
        run.setLength(0);
        continue;
      } else if (c == '(' || c == '[') {
        best = longer(best, run);
        run.setLength(0);
        if (c == '(') {
          depth++;
        } else {
          i = skipClass(re, i);
        }
        continue;
      } else if (c == '{') {
        best = longer(best, run);
        run.setLength(0);
        int close = re.indexOf('}', i);
        i = close < 0 ? re.length() : close; // a counted quantifier, handled with the character before it
        continue;
      } else if ("*+?".indexOf(c) >= 0) {
        continue; // quantifier handled with the character before it
      }
      if (next == '*' || next == '?' || next == '{') {
        best = longer(best, run); // this character may be absent
        run.setLength(0);
        continue;
      }
      run.append(c);
      if (next == '+') {
        best = longer(best, run); // required once, then repeats: the run ends here
        run.setLength(0);
      }
    }
    return longer(best, run);
  }

  private static int skipClass(String re, int open) {
    for (int i = open + 1; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']' && i > open + 1) {
        return i;
      }
    }
    return re.length();
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > best.length() ? run.toString() : best;
  }
}
