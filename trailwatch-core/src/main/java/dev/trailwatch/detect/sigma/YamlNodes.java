// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reading a rule file's YAML nodes: their values, and errors that name where in the file they are. */
final class YamlNodes {
  private YamlNodes() {}

  static MappingNode mapping(@Nullable Node n, String message) {
    if (n instanceof MappingNode m) {
      return m;
    }
    throw error(n, message);
  }

  static Map<String, Node> entries(MappingNode m) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      out.put(text(t.getKeyNode()), t.getValueNode());
    }
    return out;
  }

  static String requiredText(Map<String, Node> map, String key, Node at) {
    return optionalText(map, key).orElseThrow(() -> error(at, "'" + key + "' is missing"));
  }

  static Optional<String> optionalText(Map<String, Node> map, String key) {
    Node n = map.get(key);
    return n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) ? Optional.of(s.getValue()) : Optional.empty();
  }

  static List<String> texts(@Nullable Node n) {
    if (n instanceof SequenceNode s) {
      return s.getValue().stream().filter(x -> x instanceof ScalarNode).map(YamlNodes::text).toList();
    }
    return n instanceof ScalarNode s ? List.of(s.getValue()) : List.of();
  }

  static String text(Node n) {
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    throw error(n, "expected a plain value here");
  }

  static @Nullable Object scalar(Node n) {
    ScalarNode s = (ScalarNode) n;
    if (s.getTag().equals(Tag.NULL)) {
      return null;
    }
    if (s.getTag().equals(Tag.BOOL)) {
      return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
    }
    return s.getValue();
  }

  static int line(Node n) {
    return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  static SigmaException error(@Nullable Node at, String message) {
    Optional<Mark> m = at == null ? Optional.empty() : at.getStartMark();
    return new SigmaException(message, m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0));
  }
}
