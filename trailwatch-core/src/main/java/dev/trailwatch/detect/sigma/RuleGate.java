// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a rule's condition says about fields the caller has as plain text without parsing anything (an
 * event's typed fields), evaluated on those alone. Every gate is a necessary condition: when it is false the
 * rule cannot match, so the rule is not run. An {@link #exact()} gate is the whole condition: when it is true
 * the rule matches, and the rule need not run either.
 *
 * <p>Built from the condition tree: field tests on those fields with text tests ({@code equals}, {@code
 * contains}, {@code startswith}, {@code endswith}, wildcards, {@code re}) or {@code exists}, which on a single
 * plain text value give exactly what the full evaluation gives; {@code and} keeps the parts it can gate,
 * {@code or} and lists of maps need a gate for every alternative, {@code not} only negates an exact gate.
 * Immutable and thread-safe.
 */
public final class RuleGate<T> {
  private final Predicate<T> test;
  private final boolean exact;

  private RuleGate(Predicate<T> test, boolean exact) {
    this.test = test;
    this.exact = exact;
  }

  /** False when the rule cannot match this event. */
  public boolean mayMatch(T event) {
    return test.test(event);
  }

  /** True when {@link #mayMatch} is the rule's whole condition. */
  public boolean exact() {
    return exact;
  }

  /**
   * The rule's gate over the text fields {@code typed} gives (each by a function of the event, null when the
   * event lacks the field), or null when its condition says nothing about them.
   */
  public static <T> @Nullable RuleGate<T> of(SigmaRule rule, Map<String, Function<T, @Nullable String>> typed) {
    return of(rule.condition(), rule, typed);
  }

  private static <T> @Nullable RuleGate<T> of(Condition c, SigmaRule rule, Map<String, Function<T, @Nullable String>> typed) {
    if (c instanceof Condition.Ref r) {
      Search s = rule.searches().get(r.name());
      return s == null ? null : of(s, typed);
    }
    if (c instanceof Condition.And a) {
      return all(a.parts().stream().map(p -> of(p, rule, typed)).toList());
    }
    if (c instanceof Condition.Or o) {
      return any(o.parts().stream().map(p -> of(p, rule, typed)).toList());
    }
    if (c instanceof Condition.Not n) {
      RuleGate<T> inner = of(n.inner(), rule, typed);
      return inner == null || !inner.exact ? null : new RuleGate<T>(e -> !inner.mayMatch(e), true);
    }
    return null;
  }

  private static <T> @Nullable RuleGate<T> of(Search s, Map<String, Function<T, @Nullable String>> typed) {
    if (s instanceof Search.AllFields a) {
      List<@Nullable RuleGate<T>> parts = new ArrayList<>();
      for (FieldTest t : a.fields()) {
        Function<T, @Nullable String> field = typed.get(t.field());
        parts.add(field == null ? null : of(t, field));
      }
      return all(parts);
    }
    if (s instanceof Search.AnyOf any) {
      return any(any.alternatives().stream().map(alt -> of(alt, typed)).toList());
    }
    return null; // keywords search the whole record
  }

  /** A field test on a plain text field, when its tests can be answered on the text alone. */
  private static <T> @Nullable RuleGate<T> of(FieldTest t, Function<T, @Nullable String> field) {
    if (t.exists() != null) {
      boolean exists = t.exists();
      return new RuleGate<T>(e -> (field.apply(e) != null) == exists, true);
    }
    if (t.tests().isEmpty() || !t.tests().stream().allMatch(v -> v instanceof ValueTest.Text || v instanceof ValueTest.Regex)) {
      return null;
    }
    List<ValueTest> tests = List.copyOf(t.tests());
    boolean all = t.all();
    return new RuleGate<T>(e -> {
      String v = field.apply(e);
      if (v == null) {
        return false;
      }
      for (ValueTest x : tests) {
        boolean hit = x instanceof ValueTest.Text tx ? tx.matches(v) : ((ValueTest.Regex) x).matches(v);
        if (hit != all) {
          return hit; // any: the first hit decides; all: the first miss does
        }
      }
      return all;
    }, true);
  }

  /** And: the gates there are; exact only when every part has an exact one. */
  private static <T> @Nullable RuleGate<T> all(List<@Nullable RuleGate<T>> parts) {
    List<RuleGate<T>> known = parts.stream().filter(Objects::nonNull).toList();
    if (known.isEmpty()) {
      return null;
    }
    boolean exact = known.size() == parts.size() && known.stream().allMatch(g -> g.exact);
    if (known.size() == 1) {
      return exact == known.get(0).exact ? known.get(0) : new RuleGate<T>(known.get(0).test, exact);
    }
    return new RuleGate<T>(e -> {
      for (RuleGate<T> g : known) {
        if (!g.mayMatch(e)) {
          return false;
        }
      }
      return true;
    }, exact);
  }

  /** Or: only when every alternative has a gate; exact when all are. */
  private static <T> @Nullable RuleGate<T> any(List<@Nullable RuleGate<T>> parts) {
    if (parts.isEmpty() || parts.stream().anyMatch(Objects::isNull)) {
      return null;
    }
    List<RuleGate<T>> known = List.copyOf(parts);
    boolean exact = known.stream().allMatch(g -> g.exact);
    return known.size() == 1 ? known.get(0) : new RuleGate<T>(e -> {
      for (RuleGate<T> g : known) {
        if (g.mayMatch(e)) {
          return true;
        }
      }
      return false;
    }, exact);
  }
}
