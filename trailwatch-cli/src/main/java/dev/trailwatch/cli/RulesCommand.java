// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.detect.EventFields;
import dev.trailwatch.detect.RuleCases;
import dev.trailwatch.detect.RuleSources;
import dev.trailwatch.detect.sigma.Correlation;
import dev.trailwatch.detect.sigma.Level;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.detect.sigma.SigmaProblem;
import dev.trailwatch.detect.sigma.SigmaRule;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.ingest.Count;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailwatch rules list|check|test}. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    subcommands = {RulesCommand.ListRules.class, RulesCommand.Check.class, RulesCommand.Test.class},
    description = {"Work with detection rules (Sigma).", "", "Examples: trailwatch rules list --level high", "          trailwatch rules check ~/sigma/rules/cloud/aws", "          trailwatch rules test"})
final class RulesCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the rules that would run.", "", "Example: trailwatch rules list --rules ~/sigma/rules/cloud/aws --level high"})
  static final class ListRules implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin RuleOptions ruleOptions;

    @Option(names = "--level", paramLabel = "LEVEL", description = "Only rules of this level or higher: informational, low, medium, high, critical.")
    @Nullable String level;

    @Override
    public Integer call() throws Exception {
      Level min = level == null ? Level.INFORMATIONAL : OptionRanges.level(spec, level);
      PrintWriter out = spec.commandLine().getOut();
      ParsedRules rules = ruleOptions.load(spec.commandLine().getErr());
      Table t = new Table(List.of("level", "title", "tags", "id", "source"));
      int listed = 0;
      for (SigmaRule r : rules.rules()) {
        if (r.level().compareTo(min) >= 0) {
          listed++;
          t.add(List.of(r.level().label(), r.title(), String.join(" ", r.tags()), r.id(), r.source()));
        }
      }
      for (Correlation c : rules.correlations()) {
        if (c.level().compareTo(min) < 0) {
          continue;
        }
        listed++;
        t.add(List.of(c.level().label(), c.title() + " [" + c.type().name().toLowerCase(java.util.Locale.ROOT) + "]", String.join(" ", c.tags()), c.id(), c.source()));
      }
      t.print(out);
      out.println("(" + (level == null ? "" : listed + " at " + min.label() + " or higher of ")
          + Count.of(rules.rules().size(), "rule") + ", " + Count.of(rules.correlations().size(), "correlation") + ", "
          + Count.of(rules.problems().size(), "problem") + ")");
      out.flush();
      return rules.problems().isEmpty() ? ExitStatus.OK.code() : ExitStatus.PROBLEMS.code();
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true, description = {"Validate Sigma files: every problem as file:line:column: reason.", "Exit 1 when any rule cannot be used.", "", "Example: trailwatch rules check my-rules/"})
  static final class Check implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Rule files or folders.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = "A value for a placeholder %%NAME%% (repeatable).")
    List<String> placeholders = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      RuleOptions o = new RuleOptions();
      o.placeholders = placeholders;
      SigmaParser parser = new SigmaParser(o.placeholderMap());
      ParsedRules all = ParsedRules.empty();
      for (Path p : paths) {
        if (!p.toFile().exists()) {
          throw new java.nio.file.NoSuchFileException(p + ": no such file or folder");
        }
        all = all.plus(parser.parsePath(p));
      }
      PrintWriter out = spec.commandLine().getOut();
      for (SigmaProblem p : all.problems()) {
        out.println(p);
      }
      out.println(Count.of(all.rules().size(), "rule") + " and " + Count.of(all.correlations().size(), "correlation") + " usable, "
          + Count.of(all.problems().size(), "problem"));
      out.flush();
      return all.problems().isEmpty() ? ExitStatus.OK.code() : ExitStatus.FAILURE.code();
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true, description = {"Run each rule's own test cases (trailwatch-tests: match/nomatch records in the rule file).",
      "Without PATH: the built-in pack.", "", "Example: trailwatch rules test my-rules/"})
  static final class Test implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Rule files or folders (default: the built-in pack).")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      SigmaParser parser = new SigmaParser();
      List<String> texts = new ArrayList<>();
      ParsedRules rules = ParsedRules.empty();
      if (paths.isEmpty()) {
        for (String f : RuleSources.BUILTIN_FILES) {
          texts.add(RuleSources.builtinText(f));
        }
        rules = RuleSources.builtin(parser);
      } else {
        for (Path p : paths) {
          rules = rules.plus(parser.parsePath(p));
          try (Stream<Path> s = Files.isDirectory(p) ? Files.walk(p) : Stream.of(p)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".yml") || x.toString().endsWith(".yaml")).toList()) {
              texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
          }
        }
      }
      Map<String, SigmaRule> byId = rules.rules().stream().collect(Collectors.toMap(SigmaRule::id, Function.identity(), (a, b) -> a));
      PrintWriter out = spec.commandLine().getOut();
      int passed = 0;
      int failed = 0;
      for (String text : texts) {
        for (RuleCases.Cases c : RuleCases.read(text)) {
          SigmaRule r = byId.get(c.ruleId());
          if (r == null) {
            out.println("FAIL " + c.ruleId() + ": the rule has cases but could not be loaded");
            failed++;
            continue;
          }
          List<String> wrong = new ArrayList<>();
          for (CloudTrailEvent e : c.match()) {
            if (!r.matches(new EventFields(e))) {
              wrong.add("does not match " + e.raw().text());
            }
          }
          for (CloudTrailEvent e : c.nomatch()) {
            if (r.matches(new EventFields(e))) {
              wrong.add("matches the near miss " + e.raw().text());
            }
          }
          if (wrong.isEmpty()) {
            passed++;
          } else {
            failed++;
            wrong.forEach(w -> out.println("FAIL " + r.title() + " (" + r.source() + "): " + w));
          }
        }
      }
      out.println(passed + " passed, " + failed + " failed");
      out.flush();
      return failed == 0 ? ExitStatus.OK.code() : ExitStatus.FAILURE.code();
    }
  }
}
