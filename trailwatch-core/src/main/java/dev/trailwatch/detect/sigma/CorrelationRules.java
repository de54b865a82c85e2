// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import static dev.trailwatch.detect.sigma.YamlNodes.entries;
import static dev.trailwatch.detect.sigma.YamlNodes.error;
import static dev.trailwatch.detect.sigma.YamlNodes.line;
import static dev.trailwatch.detect.sigma.YamlNodes.mapping;
import static dev.trailwatch.detect.sigma.YamlNodes.optionalText;
import static dev.trailwatch.detect.sigma.YamlNodes.requiredText;
import static dev.trailwatch.detect.sigma.YamlNodes.text;
import static dev.trailwatch.detect.sigma.YamlNodes.texts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Sigma correlation rules ({@code correlation:} documents) read from their YAML, and their time spans. */
final class CorrelationRules {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhdw])");

  private CorrelationRules() {}

  static Correlation correlation(String file, int index, MappingNode root, Map<String, Node> top) {
    String title = requiredText(top, "title", root);
    String id = optionalText(top, "id").orElse(file + "#" + index);
    MappingNode corr = mapping(top.get("correlation"), "correlation must be a mapping");
    Map<String, Node> c = entries(corr);
    String typeText = requiredText(c, "type", corr);
    Correlation.Type type;
    try {
      type = Correlation.Type.valueOf(typeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw error(c.get("type"), "correlation type must be event_count, value_count, temporal or temporal_ordered, not '" + typeText + "'");
    }
    List<String> rules = texts(c.get("rules"));
    if (rules.isEmpty()) {
      throw error(corr, "correlation names no rules");
    }
    Duration timespan = duration(requiredText(c, "timespan", corr), c.get("timespan"));
    String op = "gte";
    long threshold = type == Correlation.Type.TEMPORAL || type == Correlation.Type.TEMPORAL_ORDERED ? rules.size() : 1;
    String valueField = null;
    if (c.get("condition") instanceof MappingNode cond) {
      for (NodeTuple t : cond.getValue()) {
        String k = text(t.getKeyNode());
        if (k.equals("field")) {
          valueField = text(t.getValueNode());
        } else if (List.of("gt", "gte", "lt", "lte", "eq").contains(k)) {
          op = k;
          try {
            threshold = Long.parseLong(text(t.getValueNode()));
          } catch (NumberFormatException e) {
            throw error(t.getValueNode(), "the correlation threshold must be a whole number");
          }
        } else {
          throw error(t.getKeyNode(), "unknown correlation condition '" + k + "'");
        }
      }
    } else if (type == Correlation.Type.EVENT_COUNT || type == Correlation.Type.VALUE_COUNT) {
      throw error(corr, type.name().toLowerCase(Locale.ROOT) + " needs a condition such as 'gte: 10'");
    }
    if (type == Correlation.Type.VALUE_COUNT && valueField == null) {
      throw error(corr, "value_count needs condition.field: the field whose distinct values are counted");
    }
    Level level;
    try {
      level = Level.parse(optionalText(top, "level").orElse("medium"));
    } catch (IllegalArgumentException e) {
      throw error(top.get("level"), e.getMessage());
    }
    boolean generate = c.get("generate") instanceof ScalarNode g && "true".equalsIgnoreCase(g.getValue());
    return new Correlation(id, title, level, type, rules, texts(c.get("group-by")), timespan, op, threshold, valueField,
        texts(top.get("tags")), file + ":" + line(root), generate);
  }

  /** A Sigma time span: 30s, 5m, 1h, 1d or 1w. */
  static Duration duration(String text, @Nullable Node at) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw error(at, "timespan must look like 30s, 5m, 1h, 1d or 1w, not '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }
}
