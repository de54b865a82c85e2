// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The test cases a rule file carries for its rules, under {@code trailwatch-tests: {match: [...], nomatch:
 * [...]}}: CloudTrail records (written as YAML) each rule must and must not match. Custom top-level keys
 * are allowed by the Sigma specification, so the files stay valid Sigma for other tools.
 */
public final class RuleCases {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The cases of one rule. */
  public record Cases(String ruleId, List<CloudTrailEvent> match, List<CloudTrailEvent> nomatch) {}

  private RuleCases() {}

  /** Every rule's cases in one file's text. */
  public static List<Cases> read(String text) {
    List<Cases> out = new ArrayList<>();
    for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
      if (!(doc instanceof Map<?, ?> m) || !(m.get("trailwatch-tests") instanceof Map<?, ?> tests)) {
        continue;
      }
      String id = String.valueOf(m.get("id"));
      out.add(new Cases(id, events(tests.get("match")), events(tests.get("nomatch"))));
    }
    return out;
  }

  /** Records given as YAML/JSON maps, as events. */
  public static List<CloudTrailEvent> events(Object records) {
    List<CloudTrailEvent> out = new ArrayList<>();
    if (!(records instanceof List<?> list)) {
      return out;
    }
    LogFileParser parser = new LogFileParser();
    for (Object r : list) {
      try {
        ParseResult p = parser.parse(JSON.writeValueAsString(withVersion(r)).getBytes(StandardCharsets.UTF_8));
        out.addAll(p.events());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("a test record is not JSON-serialisable: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static Object withVersion(Object record) {
    if (record instanceof Map<?, ?> m && !m.containsKey("eventVersion")) {
      Map<Object, Object> copy = new java.util.LinkedHashMap<>();
      copy.put("eventVersion", "1.10");
      copy.putAll(m);
      return copy;
    }
    return record;
  }
}
