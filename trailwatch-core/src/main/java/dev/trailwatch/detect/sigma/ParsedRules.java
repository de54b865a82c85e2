// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.util.ArrayList;
import java.util.List;

/** What a set of rule files gave: usable rules and correlations, and every problem with file:line:column. */
public record ParsedRules(List<SigmaRule> rules, List<Correlation> correlations, List<SigmaProblem> problems) {
  public ParsedRules {
    rules = List.copyOf(rules);
    correlations = List.copyOf(correlations);
    problems = List.copyOf(problems);
  }

  public static ParsedRules empty() {
    return new ParsedRules(List.of(), List.of(), List.of());
  }

  /** Both sets together. */
  public ParsedRules plus(ParsedRules other) {
    List<SigmaRule> r = new ArrayList<>(rules);
    r.addAll(other.rules);
    List<Correlation> c = new ArrayList<>(correlations);
    c.addAll(other.correlations);
    List<SigmaProblem> p = new ArrayList<>(problems);
    p.addAll(other.problems);
    return new ParsedRules(r, c, p);
  }
}
