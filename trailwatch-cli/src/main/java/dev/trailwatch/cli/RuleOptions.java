// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.detect.RuleSources;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which rules run: the built-in pack, user folders of Sigma files, placeholder values. */
final class RuleOptions {
  @Option(names = "--rules", paramLabel = "DIR", description = "Also run the Sigma rules in this folder or file (repeatable), e.g. a SigmaHQ checkout's rules/cloud/aws.")
  List<Path> folders = new ArrayList<>();

  @Option(names = "--no-builtin-rules", description = "Run only the rules given with --rules.")
  boolean noBuiltin;

  @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = "A value for a Sigma |expand placeholder %%NAME%% (repeatable; several values for one name are OR'ed).")
  List<String> placeholders = new ArrayList<>();

  /** The rules; problems are printed to {@code err}, one line each, and the bad rules left out. */
  ParsedRules load(PrintWriter err) throws IOException {
    ParsedRules rules = RuleSources.load(!noBuiltin, folders, placeholderMap());
    for (SigmaProblem p : rules.problems()) {
      err.println("trailwatch: rule disabled: " + p);
    }
    err.flush();
    return rules;
  }

  Map<String, List<String>> placeholderMap() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String p : placeholders) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--placeholder needs NAME=VALUE, not '" + p + "'");
      }
      out.computeIfAbsent(p.substring(0, eq), k -> new ArrayList<>()).add(p.substring(eq + 1));
    }
    return out;
  }
}
