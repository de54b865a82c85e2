// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Sigma detection rule, compiled. Immutable and thread-safe: one instance is evaluated on every event by
 * any number of threads.
 *
 * @param name the optional {@code name} correlations may refer to
 * @param source where it was read ({@code file:line})
 */
public record SigmaRule(
    String id,
    @Nullable String name,
    String title,
    Level level,
    String status,
    String description,
    List<String> tags,
    List<String> falsepositives,
    String author,
    String product,
    String service,
    Map<String, Search> searches,
    Condition condition,
    String source) {

  public SigmaRule {
    tags = List.copyOf(tags);
    falsepositives = List.copyOf(falsepositives);
    searches = Map.copyOf(searches);
  }

  /**
   * The literal values {@code field} must equal (case-insensitively, lower-cased here) for this rule to
   * match, when the condition says so on every path (e.g. {@code eventName: [A, B]} and'ed with the rest);
   * empty when the rule could match any value. Used to index rules so that most never run on an event.
   */
  public java.util.Optional<java.util.Set<String>> requiredValues(String field) {
    return java.util.Optional.ofNullable(required(condition, field));
  }

  private java.util.@Nullable Set<String> required(Condition c, String field) {
    if (c instanceof Condition.Ref r) {
      return required(searches.get(r.name()), field);
    }
    if (c instanceof Condition.And a) {
      java.util.Set<String> out = null;
      for (Condition p : a.parts()) {
        java.util.Set<String> s = required(p, field);
        if (s != null) {
          if (out == null) {
            out = new java.util.HashSet<>(s);
          } else {
            out.retainAll(s);
          }
        }
      }
      return out;
    }
    if (c instanceof Condition.Or o) {
      java.util.Set<String> out = new java.util.HashSet<>();
      for (Condition p : o.parts()) {
        java.util.Set<String> s = required(p, field);
        if (s == null) {
          return null;
        }
        out.addAll(s);
      }
      return out;
    }
    return null; // not: anything may match
  }

  private static java.util.@Nullable Set<String> required(Search s, String field) {
    if (s instanceof Search.AllFields a) {
      for (FieldTest t : a.fields()) {
        if (t.field().equals(field) && !t.all() && t.exists() == null && !t.tests().isEmpty()
            && t.tests().stream().allMatch(v -> v instanceof ValueTest.Text x && x.mode() == ValueTest.Text.Mode.EQUALS)) {
          java.util.Set<String> out = new java.util.HashSet<>();
          t.tests().forEach(v -> out.add(((ValueTest.Text) v).literal().toLowerCase(java.util.Locale.ROOT)));
          return out;
        }
      }
      return null;
    }
    if (s instanceof Search.AnyOf any) {
      java.util.Set<String> out = new java.util.HashSet<>();
      for (Search alt : any.alternatives()) {
        java.util.Set<String> x = required(alt, field);
        if (x == null) {
          return null;
        }
        out.addAll(x);
      }
      return out;
    }
    return null;
  }

  /** True when the event satisfies the rule's condition. */
  public boolean matches(FieldSource event) {
    return eval(condition, event);
  }

  private boolean eval(Condition c, FieldSource event) {
    if (c instanceof Condition.Ref r) {
      return searches.get(r.name()).matches(event);
    }
    if (c instanceof Condition.And a) {
      for (Condition p : a.parts()) {
        if (!eval(p, event)) {
          return false;
        }
      }
      return true;
    }
    if (c instanceof Condition.Or o) {
      for (Condition p : o.parts()) {
        if (eval(p, event)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof Condition.Not n) {
      return !eval(n.inner(), event);
    }
    throw new IllegalStateException("quantifiers are expanded when the rule is compiled: " + c);
  }
}
