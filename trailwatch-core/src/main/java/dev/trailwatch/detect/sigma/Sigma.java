// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** Compiles one field's values and modifiers into tests (the modifiers appendix of the specification). */
final class Sigma {
  static final Pattern NEVER = Pattern.compile("(?!)");
  private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.-]+)%");
  private static final Set<String> KNOWN = Set.of(
      "contains", "startswith", "endswith", "all", "re", "i", "m", "s", "cidr", "exists", "gt", "gte", "lt", "lte",
      "fieldref", "base64", "base64offset", "windash", "expand", "cased", "utf16le", "utf16be", "utf16", "wide");

  private Sigma() {}

  /**
   * The field test for {@code key} (a field name with {@code |modifiers}) and its YAML values (a scalar is a
   * list of one). Throws IllegalArgumentException naming the problem.
   */
  static FieldTest fieldTest(String key, List<@Nullable Object> values, Map<String, List<String>> placeholders) {
    String[] parts = key.split("\\|", -1);
    String field = parts[0];
    List<String> mods = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String m = parts[i].trim();
      if (!KNOWN.contains(m)) {
        throw new IllegalArgumentException("unknown modifier '" + m + "' on field '" + field + "'");
      }
      mods.add(m);
    }
    if (field.isEmpty()) {
      throw new IllegalArgumentException("a field name is empty in '" + key + "'");
    }
    boolean all = mods.contains("all");
    if (mods.contains("exists")) {
      if (values.size() != 1 || !(values.get(0) instanceof Boolean b)) {
        throw new IllegalArgumentException("'" + key + "' needs true or false");
      }
      return new FieldTest(field, List.of(), false, b);
    }
    List<ValueTest> tests = new ArrayList<>();
    for (Object v : values) {
      tests.addAll(compile(key, field, mods, v, placeholders));
    }
    if (tests.isEmpty()) {
      throw new IllegalArgumentException("'" + key + "' has no values");
    }
    return new FieldTest(field, tests, all, null);
  }

  /** Keyword terms (a search that is a list of strings). */
  static List<ValueTest> keywords(List<@Nullable Object> values, List<String> mods) {
    List<ValueTest> out = new ArrayList<>();
    for (Object v : values) {
      if (v == null) {
        continue;
      }
      String s = String.valueOf(v);
      ValueTest.Text t = text(ValueTest.Text.Mode.CONTAINS, s, mods.contains("cased")); // keywords are full-text: contained
      out.add(new ValueTest.Keyword(t));
    }
    return out;
  }

  private static List<ValueTest> compile(String key, String field, List<String> mods, @Nullable Object v, Map<String, List<String>> placeholders) {
    if (v == null) {
      return List.of(new ValueTest.IsNull());
    }
    boolean cased = mods.contains("cased");
    for (String cmp : List.of("gt", "gte", "lt", "lte")) {
      if (mods.contains(cmp)) {
        try {
          return List.of(new ValueTest.Compare(cmp, new BigDecimal(String.valueOf(v).trim())));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + key + "' needs a number, not '" + v + "'", e);
        }
      }
    }
    String s = String.valueOf(v);
    ValueTest.Text.Mode mode = mods.contains("contains") ? ValueTest.Text.Mode.CONTAINS
        : mods.contains("startswith") ? ValueTest.Text.Mode.STARTS_WITH
        : mods.contains("endswith") ? ValueTest.Text.Mode.ENDS_WITH
        : ValueTest.Text.Mode.EQUALS;
    if (mods.contains("fieldref")) {
      return List.of(new ValueTest.FieldRef(s, mode, cased));
    }
    if (mods.contains("cidr")) {
      try {
        return List.of(new ValueTest.InNetwork(Cidr.parse(s)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + key + "': " + e.getMessage(), e);
      }
    }
    if (mods.contains("re")) {
      int flags = 0;
      flags |= mods.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
      flags |= mods.contains("m") ? Pattern.MULTILINE : 0;
      flags |= mods.contains("s") ? Pattern.DOTALL : 0;
      try {
        return List.of(new ValueTest.Regex(Pattern.compile(s, flags), RegexHint.requiredLiteral(s)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("'" + key + "': invalid regular expression: " + e.getDescription(), e);
      }
    }
    List<String> variants = new ArrayList<>(List.of(s));
    if (mods.contains("expand")) {
      variants = expand(s, placeholders);
    }
    if (mods.contains("windash")) {
      variants = windash(variants);
    }
    if (mods.contains("base64") || mods.contains("base64offset")) {
      Charset cs = mods.contains("utf16le") || mods.contains("wide") ? StandardCharsets.UTF_16LE
          : mods.contains("utf16be") ? StandardCharsets.UTF_16BE
          : mods.contains("utf16") ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8;
      List<String> encoded = new ArrayList<>();
      for (String x : variants) {
        byte[] bytes = unescape(x).getBytes(cs);
        if (mods.contains("base64offset")) {
          encoded.addAll(base64Offsets(bytes));
        } else {
          encoded.add(escape(Base64.getEncoder().encodeToString(bytes)));
        }
      }
      variants = encoded;
      cased = true; // base64 is case-sensitive by nature
      if (mods.contains("base64offset") && mode == ValueTest.Text.Mode.EQUALS) {
        mode = ValueTest.Text.Mode.CONTAINS;
      }
    }
    List<ValueTest> out = new ArrayList<>();
    for (String x : variants) {
      out.add(text(mode, x, cased));
    }
    return out;
  }

  /** A text test for a Sigma string: wildcards {@code *} {@code ?}, escapes {@code \*} {@code \?} {@code \\}. */
  static ValueTest.Text text(ValueTest.Text.Mode mode, String sigma, boolean cased) {
    if (!hasWildcards(sigma)) {
      return new ValueTest.Text(mode, unescape(sigma), cased, NEVER);
    }
    StringBuilder re = new StringBuilder();
    if (mode == ValueTest.Text.Mode.CONTAINS || mode == ValueTest.Text.Mode.ENDS_WITH) {
      re.append(".*");
    }
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < sigma.length(); i++) {
      char c = sigma.charAt(i);
      if (c == '\\' && i + 1 < sigma.length() && "*?\\".indexOf(sigma.charAt(i + 1)) >= 0) {
        literal.append(sigma.charAt(++i));
      } else if (c == '*' || c == '?') {
        re.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        re.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    re.append(Pattern.quote(literal.toString()));
    if (mode == ValueTest.Text.Mode.CONTAINS || mode == ValueTest.Text.Mode.STARTS_WITH) {
      re.append(".*");
    }
    int flags = Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    return new ValueTest.Text(ValueTest.Text.Mode.WILDCARD, sigma, cased, Pattern.compile(re.toString(), flags));
  }

  static boolean hasWildcards(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && "*?\\".indexOf(s.charAt(i + 1)) >= 0) {
        i++;
      } else if (c == '*' || c == '?') {
        return true;
      }
    }
    return false;
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && "*?\\".indexOf(s.charAt(i + 1)) >= 0) {
        b.append(s.charAt(++i));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
  }

  private static List<String> expand(String s, Map<String, List<String>> placeholders) {
    Matcher m = PLACEHOLDER.matcher(s);
    if (!m.find()) {
      return List.of(s);
    }
    List<String> values = placeholders.get(m.group(1));
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("placeholder %" + m.group(1) + "% has no value configured"
          + " (give one with --placeholder " + m.group(1) + "=VALUE)");
    }
    List<String> out = new ArrayList<>();
    for (String v : values) {
      out.addAll(expand(s.substring(0, m.start()) + v + s.substring(m.end()), placeholders));
    }
    return out;
  }

  /**
   * The dash variants of Windows command-line flags: a {@code -} or {@code /} that starts a word is tried as
   * each of -, /, en dash, em dash and horizontal bar (as pySigma's windash).
   */
  private static List<String> windash(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      out.add(v);
      for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
        out.add(v.replaceAll("(^|\\s)[-/\u2013\u2014\u2015]", "$1" + Matcher.quoteReplacement(dash)));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The three base64 spellings of a value found at any offset in a longer encoded text: pySigma's
   * {@code base64offset} (prefix 0, 1 or 2 spaces; cut the characters that depend on the neighbours).
   */
  private static List<String> base64Offsets(byte[] bytes) {
    int[] startOffsets = {0, 2, 3};
    int[] endDrops = {0, 3, 2};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] padded = new byte[i + bytes.length];
      java.util.Arrays.fill(padded, 0, i, (byte) ' ');
      System.arraycopy(bytes, 0, padded, i, bytes.length);
      String enc = Base64.getEncoder().encodeToString(padded);
      int end = enc.length() - endDrops[(bytes.length + i) % 3];
      out.add(escape(enc.substring(Math.min(startOffsets[i], end), end)));
    }
    return out;
  }
}
