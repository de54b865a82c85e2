// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import static dev.trailwatch.detect.sigma.YamlNodes.entries;
import static dev.trailwatch.detect.sigma.YamlNodes.error;
import static dev.trailwatch.detect.sigma.YamlNodes.line;
import static dev.trailwatch.detect.sigma.YamlNodes.mapping;
import static dev.trailwatch.detect.sigma.YamlNodes.optionalText;
import static dev.trailwatch.detect.sigma.YamlNodes.requiredText;
import static dev.trailwatch.detect.sigma.YamlNodes.scalar;
import static dev.trailwatch.detect.sigma.YamlNodes.text;
import static dev.trailwatch.detect.sigma.YamlNodes.texts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads Sigma rule files (YAML 1.2; several documents a file) into compiled rules and correlations. Never
 * throws for bad rules: every problem is collected with file:line:column and the rule is left out, so the
 * others still run. Thread-safe.
 */
public final class SigmaParser {
  private static final Pattern OLD_COUNT = Pattern.compile(
      "count\\(\\s*([\\w.]*)\\s*\\)\\s*(?:by\\s+([\\w.]+(?:\\s*,\\s*[\\w.]+)*))?\\s*(<=|>=|==|=|<|>)\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern OLD_NEAR = Pattern.compile("near\\s+(.+)", Pattern.CASE_INSENSITIVE);

  private final Map<String, List<String>> placeholders;

  /** @param placeholders values for {@code |expand} placeholders ({@code %name%} → values) */
  public SigmaParser(Map<String, List<String>> placeholders) {
    this.placeholders = Map.copyOf(placeholders);
  }

  public SigmaParser() {
    this(Map.of());
  }

  /** Every {@code .yml}/{@code .yaml} file under {@code dir} (or the file itself), in path order. */
  public ParsedRules parsePath(Path dir) throws IOException {
    List<Path> files;
    if (Files.isRegularFile(dir)) {
      files = List.of(dir);
    } else {
      try (Stream<Path> s = Files.walk(dir)) {
        files = s.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
            .sorted()
            .toList();
      }
    }
    ParsedRules all = ParsedRules.empty();
    for (Path f : files) {
      all = all.plus(parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
    }
    return all;
  }

  /** The rules of one file's text. */
  public ParsedRules parse(String file, String text) {
    List<SigmaRule> rules = new ArrayList<>();
    List<Correlation> correlations = new ArrayList<>();
    List<SigmaProblem> problems = new ArrayList<>();
    LoadSettings settings = LoadSettings.builder().setLabel(file).setUseMarks(true).setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false).setMaxAliasesForCollections(50).setCodePointLimit(8 << 20).build();
    int index = 0;
    try {
      for (Node doc : new Compose(settings).composeAllFromString(text)) {
        index++;
        try {
          document(file, index, doc, rules, correlations);
        } catch (SigmaException e) {
          problems.add(new SigmaProblem(file, e.line(), e.column(), e.getMessage()));
        }
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> m = e.getProblemMark();
      problems.add(new SigmaProblem(file, m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0),
          "invalid YAML: " + e.getProblem()));
    } catch (YamlEngineException e) {
      problems.add(new SigmaProblem(file, 0, 0, "invalid YAML: " + e.getMessage()));
    }
    return new ParsedRules(rules, correlations, problems);
  }

  private void document(String file, int index, Node doc, List<SigmaRule> rules, List<Correlation> correlations) {
    MappingNode root = mapping(doc, "a Sigma rule must be a YAML mapping");
    Map<String, Node> top = entries(root);
    if (top.containsKey("correlation")) {
      correlations.add(CorrelationRules.correlation(file, index, root, top));
      return;
    }
    String title = requiredText(top, "title", root);
    String id = optionalText(top, "id").orElse(file + "#" + index);
    Node detectionNode = top.get("detection");
    if (detectionNode == null) {
      throw error(root, "rule '" + title + "' has no detection");
    }
    MappingNode detection = mapping(detectionNode, "detection must be a mapping");
    Map<String, Node> parts = entries(detection);
    Node conditionNode = parts.get("condition");
    if (conditionNode == null) {
      throw error(detection, "detection has no condition");
    }
    Map<String, Search> searches = new LinkedHashMap<>();
    for (NodeTuple t : detection.getValue()) {
      String name = text(t.getKeyNode());
      if (name.equals("condition") || name.equals("timeframe")) {
        continue;
      }
      searches.put(name, search(t.getValueNode()));
    }
    List<String> conditions = conditionNode instanceof SequenceNode s
        ? s.getValue().stream().map(YamlNodes::text).toList()
        : List.of(text(conditionNode));
    List<Condition> compiled = new ArrayList<>();
    String level = optionalText(top, "level").orElse("medium");
    Level lvl;
    try {
      lvl = Level.parse(level);
    } catch (IllegalArgumentException e) {
      throw error(top.get("level"), e.getMessage());
    }
    String src = file + ":" + line(root);
    for (String c : conditions) {
      int pipe = c.indexOf('|');
      if (pipe >= 0) {
        // The deprecated aggregation syntax: read it as the correlation it means.
        oldAggregation(file, id, title, lvl, top, parts, searches, c.substring(0, pipe).trim(), c.substring(pipe + 1).trim(), conditionNode, rules, correlations);
        return;
      }
      compiled.add(condition(c, searches, conditionNode));
    }
    Condition condition = compiled.size() == 1 ? compiled.get(0) : new Condition.Or(compiled);
    rules.add(rule(id, optionalText(top, "name").orElse(null), title, lvl, top, searches, condition, src));
  }

  private SigmaRule rule(String id, @Nullable String name, String title, Level level, Map<String, Node> top,
      Map<String, Search> searches, Condition condition, String src) {
    Map<String, Node> logsource = top.get("logsource") instanceof MappingNode m ? entries(m) : Map.of();
    return new SigmaRule(id, name, title, level, optionalText(top, "status").orElse(""), optionalText(top, "description").orElse(""),
        texts(top.get("tags")), texts(top.get("falsepositives")), optionalText(top, "author").orElse(""),
        optionalText(logsource, "product").orElse(""), optionalText(logsource, "service").orElse(""), searches, condition, src);
  }

  private Condition condition(String text, Map<String, Search> searches, Node at) {
    Condition parsed;
    try {
      parsed = ConditionParser.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
    return expand(parsed, searches, at);
  }

  /** Resolves quantifiers to the searches they name and checks that every name exists. */
  private static Condition expand(Condition c, Map<String, Search> searches, Node at) {
    if (c instanceof Condition.Ref r) {
      if (!searches.containsKey(r.name())) {
        throw error(at, "condition refers to '" + r.name() + "', which is not a search in detection");
      }
      return r;
    }
    if (c instanceof Condition.Not n) {
      return new Condition.Not(expand(n.inner(), searches, at));
    }
    if (c instanceof Condition.And a) {
      return new Condition.And(a.parts().stream().map(p -> expand(p, searches, at)).toList());
    }
    if (c instanceof Condition.Or o) {
      return new Condition.Or(o.parts().stream().map(p -> expand(p, searches, at)).toList());
    }
    Condition.Quantified q = (Condition.Quantified) c;
    Pattern glob = Pattern.compile(q.pattern().replace("*", "\u0000").replace("?", "\u0001")
        .chars().mapToObj(ch -> ch == 0 ? ".*" : ch == 1 ? "." : Pattern.quote(String.valueOf((char) ch))).reduce("", String::concat));
    List<Condition> refs = new ArrayList<>();
    for (String name : searches.keySet()) {
      boolean them = q.pattern().equals("*");
      if (glob.matcher(name).matches() && !(them && name.startsWith("_"))) {
        refs.add(new Condition.Ref(name));
      }
    }
    if (refs.isEmpty()) {
      throw error(at, "'" + (q.all() ? "all" : "1") + " of " + q.pattern() + "' matches no search");
    }
    return refs.size() == 1 ? refs.get(0) : q.all() ? new Condition.And(refs) : new Condition.Or(refs);
  }

  private Search search(Node node) {
    if (node instanceof MappingNode m) {
      return allFields(m);
    }
    if (node instanceof SequenceNode s) {
      if (s.getValue().isEmpty()) {
        throw error(node, "a search list is empty");
      }
      if (s.getValue().stream().allMatch(n -> n instanceof MappingNode)) {
        return new Search.AnyOf(s.getValue().stream().map(n -> (Search) allFields((MappingNode) n)).toList());
      }
      if (s.getValue().stream().allMatch(n -> n instanceof ScalarNode)) {
        return new Search.Keywords(Sigma.keywords(s.getValue().stream().map(YamlNodes::scalar).toList(), List.of()), false);
      }
      throw error(node, "a search list mixes field maps and keywords");
    }
    Object v = scalar(node);
    if (v == null) {
      throw error(node, "a search is empty");
    }
    return new Search.Keywords(Sigma.keywords(List.of(v), List.of()), false);
  }

  private Search.AllFields allFields(MappingNode m) {
    List<FieldTest> tests = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      String key = text(t.getKeyNode());
      Node v = t.getValueNode();
      List<@Nullable Object> values = new ArrayList<>();
      if (v instanceof SequenceNode s) {
        for (Node n : s.getValue()) {
          if (!(n instanceof ScalarNode)) {
            throw error(n, "the values of '" + key + "' must be plain values");
          }
          values.add(scalar(n));
        }
        if (values.isEmpty()) {
          throw error(v, "'" + key + "' has an empty list of values");
        }
      } else if (v instanceof ScalarNode) {
        values.add(scalar(v));
      } else {
        throw error(v, "'" + key + "' holds a mapping; Sigma values are plain values or lists of them");
      }
      try {
        tests.add(Sigma.fieldTest(key, values, placeholders));
      } catch (IllegalArgumentException e) {
        throw error(t.getKeyNode(), e.getMessage());
      }
    }
    if (tests.isEmpty()) {
      throw error(m, "a search map is empty");
    }
    return new Search.AllFields(tests);
  }

  /** {@code selection | count() by f > 5}, {@code selection | count(x) by f > 5}, {@code a | near b}. */
  private void oldAggregation(String file, String id, String title, Level level, Map<String, Node> top, Map<String, Node> parts,
      Map<String, Search> searches, String base, String aggregation, Node at, List<SigmaRule> rules, List<Correlation> correlations) {
    Node timeframe = parts.get("timeframe");
    String src = file + ":" + line(at);
    Matcher count = OLD_COUNT.matcher(aggregation);
    Matcher near = OLD_NEAR.matcher(aggregation);
    if (timeframe == null) {
      throw error(at, "unsupported: the deprecated aggregation '| " + aggregation + "' has no detection.timeframe, so it has no time window");
    }
    Duration span = CorrelationRules.duration(text(timeframe), timeframe);
    if (count.matches()) {
      String baseId = id + "/base";
      rules.add(rule(baseId, null, title, level, top, searches, condition(base, searches, at), src));
      String field = count.group(1);
      List<String> groupBy = count.group(2) == null ? List.of() : List.of(count.group(2).split("\\s*,\\s*"));
      String op = switch (count.group(3)) {
        case ">" -> "gt";
        case ">=" -> "gte";
        case "<" -> "lt";
        case "<=" -> "lte";
        default -> "eq";
      };
      boolean values = !field.isEmpty();
      correlations.add(new Correlation(id, title, level, values ? Correlation.Type.VALUE_COUNT : Correlation.Type.EVENT_COUNT,
          List.of(baseId), groupBy, span, op, Long.parseLong(count.group(4)), values ? field : null, texts(top.get("tags")), src, false));
      return;
    }
    if (near.matches()) {
      List<String> ids = new ArrayList<>();
      for (String part : List.of(base, near.group(1).trim())) {
        String partId = id + "/" + part.replaceAll("\\W+", "_");
        rules.add(rule(partId, null, title, level, top, searches, condition(part, searches, at), src));
        ids.add(partId);
      }
      correlations.add(new Correlation(id, title, level, Correlation.Type.TEMPORAL, ids, List.of(), span, "gte", ids.size(), null,
          texts(top.get("tags")), src, false));
      return;
    }
    throw error(at, "unsupported aggregation '| " + aggregation + "'");
  }

}
