// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.detect.sigma.Correlation;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.detect.sigma.SigmaRule;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * SigmaHQ's AWS CloudTrail rules (../shared/sigma) are the compatibility target: each loads, matches an
 * event it describes and not a near miss. The events are built from the rule's YAML by code independent of
 * the engine: the first value of every field of the rule's positive searches (contains → padded,
 * startswith/endswith → extended), and the near miss changes the first field of the first search.
 */
class SigmaHqRulesTest {
  static final Path SIGMA = Path.of(System.getProperty("trailwatch.shared", "../shared"), "sigma");
  static final Map<String, String> REGEX_SAMPLES = Map.of(".+:assumed-role/aws:.+", "arn:aws:sts::111122223333:assumed-role/aws:ec2-instance/i-0abc");

  static Stream<Path> ruleFiles() throws IOException {
    try (Stream<Path> s = Files.walk(SIGMA.resolve("rules"))) {
      return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
    }
  }

  @Test
  void allFiftySevenRulesLoadWithoutError() throws IOException {
    ParsedRules rules = new SigmaParser().parsePath(SIGMA.resolve("rules"));
    assertThat(rules.problems()).isEmpty();
    assertThat(rules.rules()).hasSize(57);
    assertThat(rules.correlations()).isEmpty();
  }

  @Test
  void thePlaceholderRuleIsAClearNamedErrorUntilAValueIsGiven() throws IOException {
    Path dir = SIGMA.resolve("rules-placeholder");
    ParsedRules without = new SigmaParser().parsePath(dir);
    assertThat(without.rules()).isEmpty();
    assertThat(without.problems()).singleElement().satisfies(p -> {
      assertThat(p.message()).contains("%Legitimate_Countries%").contains("--placeholder");
      assertThat(p.line()).isPositive();
      assertThat(p.file()).endsWith("aws_cloudtrail_console_login_success_from_susp_locations.yml");
    });
    ParsedRules with = new SigmaParser(Map.of("Legitimate_Countries", List.of("DE", "FR"), "Legitimate_IP_Ranges", List.of("198.51.100.0/24")))
        .parsePath(dir);
    assertThat(with.problems()).isEmpty();
    assertThat(with.rules()).hasSize(1);
  }

  @Test
  void theOldAggregationSyntaxIsReadAsCorrelationsOrReportedWithFileLineAndWhy() throws IOException {
    ParsedRules old = new SigmaParser().parsePath(SIGMA.resolve("unsupported"));
    // Six use count(): correlations. One uses near without a timeframe: reported. The eighth
    // (aws_ses_messaging_enabled) is plain Sigma ("selection1 and selection2") and loads as pySigma reads it.
    assertThat(old.correlations()).hasSize(6);
    assertThat(old.rules()).anyMatch(r -> r.source().contains("aws_ses_messaging_enabled.yml"));
    assertThat(old.correlations()).filteredOn(c -> c.type() == Correlation.Type.VALUE_COUNT).isEmpty();
    assertThat(old.correlations()).anySatisfy(c -> {
      assertThat(c.groupBy()).containsExactly("sourceIPAddress");
      assertThat(c.op()).isEqualTo("gt");
      assertThat(c.threshold()).isEqualTo(5);
      assertThat(c.timespan()).hasMinutes(10);
    });
    assertThat(old.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("aws_lambda_function_created_or_invoked.yml");
      assertThat(p.line()).isEqualTo(23);
      assertThat(p.message()).contains("near").contains("timeframe");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleFiles")
  void matchesWhatItDescribesAndNotANearMiss(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    SigmaRule rule = new SigmaParser().parse(file.toString(), text).rules().get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    @SuppressWarnings("unchecked")
    Map<String, Object> detection = (Map<String, Object>) doc.get("detection");
    List<Map<String, Object>> positive = positiveSearches(detection);

    Map<String, Object> record = new LinkedHashMap<>();
    record.put("eventVersion", "1.10");
    record.put("eventID", "e1");
    for (Map<String, Object> search : positive) {
      search.forEach((key, value) -> put(record, key, value, false));
    }
    Map<String, Object> nearMiss = deepCopy(record);
    Map.Entry<String, Object> first = positive.get(0).entrySet().iterator().next();
    put(nearMiss, first.getKey(), first.getValue(), true);

    assertThat(rule.matches(new EventFields(event(record)))).as("%s should match %s", rule.title(), record).isTrue();
    assertThat(rule.matches(new EventFields(event(nearMiss)))).as("%s should not match %s", rule.title(), nearMiss).isFalse();
  }

  /** The searches the condition needs to be true: the names not negated (for '1 of x*', the first). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> positiveSearches(Map<String, Object> detection) {
    String condition = String.valueOf(detection.get("condition"));
    List<Map<String, Object>> out = new ArrayList<>();
    Matcher m = Pattern.compile("(not\\s+)?(?:(1|all) of\\s+)?([\\w*]+)").matcher(condition);
    while (m.find()) {
      String name = m.group(3);
      if (m.group(1) != null || List.of("and", "or", "not", "of", "them").contains(name)) {
        continue;
      }
      List<String> names = detection.keySet().stream()
          .filter(k -> name.endsWith("*") ? k.startsWith(name.substring(0, name.length() - 1)) : k.equals(name)).toList();
      for (String n : "all".equals(m.group(2)) ? names : names.subList(0, 1)) {
        Object search = detection.get(n);
        out.add(search instanceof List<?> l ? (Map<String, Object>) l.get(0) : (Map<String, Object>) search);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> record, String key, Object value, boolean miss) {
    String[] parts = key.split("\\|");
    List<String> mods = List.of(parts).subList(1, parts.length);
    Object v = value instanceof List<?> l ? (mods.contains("all") ? String.join(" ", l.stream().map(String::valueOf).toList()) : l.get(0)) : value;
    String s = String.valueOf(v).replace("*", "x");
    if (mods.contains("re")) {
      s = REGEX_SAMPLES.getOrDefault(String.valueOf(v), s);
    } else if (mods.contains("contains")) {
      s = "pre-" + s + "-post";
    } else if (mods.contains("startswith")) {
      s = s + "-suffix";
    } else if (mods.contains("endswith")) {
      s = "prefix-" + s;
    }
    if (miss) {
      s = mods.contains("re") ? "nomatch" : mods.contains("startswith") ? "nomatch-" + s : s.replaceAll(".$", "") + "-nomatch-";
    }
    Object leaf = v instanceof Boolean || v instanceof Number ? (miss ? "nomatch" : v) : s;
    String[] path = parts[0].split("\\.");
    Map<String, Object> at = record;
    for (int i = 0; i < path.length - 1; i++) {
      at = (Map<String, Object>) at.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
    }
    at.put(path[path.length - 1], leaf);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> inner ? deepCopy((Map<String, Object>) inner) : v));
    return out;
  }

  static CloudTrailEvent event(Map<String, Object> record) throws IOException {
    return new LogFileParser().parse(new ObjectMapper().writeValueAsBytes(record)).events().get(0);
  }
}
