// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.event.LogFileParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Sigma specification, feature by feature: each row a detection, a record and whether it matches. */
class SigmaSpecTest {
  private static final String RECORD = """
      {"eventVersion":"1.08","eventID":"e1","eventName":"PutBucketPolicy","eventSource":"s3.amazonaws.com",
       "sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15 Python/3.11 Linux/6.1","readOnly":false,
       "userIdentity":{"type":"IAMUser","userName":"bob","arn":"arn:aws:iam::111122223333:user/bob"},
       "requestParameters":{"bucketName":"Logs-Prod*","policy":"{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\"}",
         "port":8443,"tags":["alpha","beta"],"userName":"bob","cmd":"-enc SGVsbG8gV29ybGQ=","note":null,
         "items":[{"cidrIp":"10.1.2.3/32"},{"cidrIp":"0.0.0.0/0"}],"encoded":"aGVsbG8gd29ybGQ=","text":"line one\\nline two",
         "path":"C:\\\\Windows\\\\*"},
       "responseElements":null}""";

  static boolean matches(String detection, Map<String, List<String>> placeholders) {
    String rule = "title: t\nid: r1\nlogsource: {product: aws}\ndetection:\n" + detection.indent(2) + "level: low\n";
    ParsedRules parsed = new SigmaParser(placeholders).parse("t.yml", rule);
    assertThat(parsed.problems()).as("problems in %s", detection).isEmpty();
    dev.trailwatch.event.CloudTrailEvent event = new LogFileParser().parse(RECORD.getBytes(StandardCharsets.UTF_8)).events().get(0);
    boolean matched = parsed.rules().get(0).matches(new EventFields(event));
    // The engine's index and gates (answers from typed fields) must agree with the rule's full evaluation.
    assertThat(!new RuleEngine(parsed).evaluate(event).isEmpty()).as("the engine on %s", detection).isEqualTo(matched);
    return matched;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ;; ", quoteCharacter = '`', textBlock = """
      map is AND ;; `sel: {eventName: PutBucketPolicy, eventSource: s3.amazonaws.com}\ncondition: sel` ;; true
      map AND fails on one field ;; `sel: {eventName: PutBucketPolicy, eventSource: ec2.amazonaws.com}\ncondition: sel` ;; false
      list of values is OR ;; `sel: {eventName: [A, PutBucketPolicy]}\ncondition: sel` ;; true
      list of maps is OR ;; `sel: [{eventName: A}, {eventSource: s3.amazonaws.com}]\ncondition: sel` ;; true
      case-insensitive by default ;; `sel: {eventName: putbucketPOLICY}\ncondition: sel` ;; true
      cased ;; `sel: {eventName|cased: putbucketpolicy}\ncondition: sel` ;; false
      wildcard star ;; `sel: {eventName: Put*Policy}\ncondition: sel` ;; true
      wildcard question mark ;; `sel: {eventName: PutBucketPolic?}\ncondition: sel` ;; true
      escaped star is literal ;; `sel: {requestParameters.bucketName: 'logs-prod\\*'}\ncondition: sel` ;; true
      escaped star does not wildcard ;; `sel: {requestParameters.bucketName: 'logs-\\*'}\ncondition: sel` ;; false
      escaped backslash ;; `sel: {requestParameters.path: 'C:\\\\Windows\\\\\\*'}\ncondition: sel` ;; true
      contains ;; `sel: {userAgent|contains: python}\ncondition: sel` ;; true
      startswith ;; `sel: {userAgent|startswith: AWS-CLI}\ncondition: sel` ;; true
      endswith ;; `sel: {userAgent|endswith: linux/6.1}\ncondition: sel` ;; true
      contains all on a list ;; `sel: {userAgent|contains|all: [aws-cli, Python, Linux]}\ncondition: sel` ;; true
      contains all fails on one ;; `sel: {userAgent|contains|all: [aws-cli, Windows]}\ncondition: sel` ;; false
      array any element ;; `sel: {requestParameters.tags: beta}\ncondition: sel` ;; true
      array of objects any element ;; `sel: {requestParameters.items.cidrIp: 0.0.0.0/0}\ncondition: sel` ;; true
      object searched through its leaves ;; `sel: {requestParameters|contains: '"Principal":"\\*"'}\ncondition: sel` ;; true
      re unanchored ;; `sel: {userAgent|re: 'Python/3\\.\\d+'}\ncondition: sel` ;; true
      re is case-sensitive ;; `sel: {userAgent|re: 'python'}\ncondition: sel` ;; false
      re i flag ;; `sel: {userAgent|re|i: 'python'}\ncondition: sel` ;; true
      re m flag ;; `sel: {requestParameters.text|re|m: '^line two$'}\ncondition: sel` ;; true
      re without m flag ;; `sel: {requestParameters.text|re: '^line two$'}\ncondition: sel` ;; false
      re s flag ;; `sel: {requestParameters.text|re|s: 'one.line'}\ncondition: sel` ;; true
      re without s flag ;; `sel: {requestParameters.text|re: 'one.line'}\ncondition: sel` ;; false
      cidr v4 ;; `sel: {sourceIPAddress|cidr: 203.0.113.0/24}\ncondition: sel` ;; true
      cidr v4 outside ;; `sel: {sourceIPAddress|cidr: 198.51.100.0/24}\ncondition: sel` ;; false
      exists true ;; `sel: {requestParameters.port|exists: true}\ncondition: sel` ;; true
      exists false on missing ;; `sel: {requestParameters.nope|exists: false}\ncondition: sel` ;; true
      exists is false for json null ;; `sel: {requestParameters.note|exists: true}\ncondition: sel` ;; false
      null matches json null ;; `sel: {requestParameters.note: null}\ncondition: sel` ;; true
      null matches a missing field ;; `sel: {requestParameters.absent: null}\ncondition: sel` ;; true
      null does not match a value ;; `sel: {eventName: null}\ncondition: sel` ;; false
      gt ;; `sel: {requestParameters.port|gt: 8000}\ncondition: sel` ;; true
      gte equal ;; `sel: {requestParameters.port|gte: 8443}\ncondition: sel` ;; true
      lt ;; `sel: {requestParameters.port|lt: 8443}\ncondition: sel` ;; false
      lte ;; `sel: {requestParameters.port|lte: 8443}\ncondition: sel` ;; true
      gt on text never matches ;; `sel: {eventName|gt: 1}\ncondition: sel` ;; false
      fieldref equal ;; `sel: {userIdentity.userName|fieldref: requestParameters.userName}\ncondition: sel` ;; true
      fieldref different ;; `sel: {userIdentity.userName|fieldref: eventName}\ncondition: sel` ;; false
      base64 ;; `sel: {requestParameters.encoded|base64: hello world}\ncondition: sel` ;; true
      base64offset contains ;; `sel: {requestParameters.cmd|base64offset|contains: World}\ncondition: sel` ;; true
      windash ;; `sel: {requestParameters.cmd|windash|contains: /enc}\ncondition: sel` ;; true
      boolean value ;; `sel: {readOnly: false}\ncondition: sel` ;; true
      number value as text ;; `sel: {requestParameters.port: 8443}\ncondition: sel` ;; true
      keywords ;; `kw: [PutBucketPolicy]\ncondition: kw` ;; true
      keywords any ;; `kw: [nothing-here, 203.0.113.7]\ncondition: kw` ;; true
      keywords none ;; `kw: [nothing-here]\ncondition: kw` ;; false
      not ;; `sel: {eventName: A}\ncondition: not sel` ;; true
      parentheses and precedence ;; `a: {eventName: A}\nb: {eventName: PutBucketPolicy}\nc: {eventSource: nope}\ncondition: a or b and c` ;; false
      parentheses override precedence ;; `a: {eventName: PutBucketPolicy}\nb: {eventName: B}\nc: {eventSource: nope}\ncondition: (a or b) and not c` ;; true
      not binds tighter than and ;; `a: {eventName: PutBucketPolicy}\nb: {eventSource: nope}\ncondition: not b and a` ;; true
      1 of x* ;; `sel_a: {eventName: A}\nsel_b: {eventName: PutBucketPolicy}\ncondition: 1 of sel_*` ;; true
      all of x* ;; `sel_a: {eventName: A}\nsel_b: {eventName: PutBucketPolicy}\ncondition: all of sel_*` ;; false
      not 1 of filter* ;; `sel: {eventSource: s3.amazonaws.com}\nfilter_a: {eventName: A}\nfilter_b: {userIdentity.type: IAMUser}\ncondition: sel and not 1 of filter*` ;; false
      not 1 of filter* none match ;; `sel: {eventSource: s3.amazonaws.com}\nfilter_a: {eventName: A}\nfilter_b: {userIdentity.type: Root}\ncondition: sel and not 1 of filter*` ;; true
      1 of them ;; `a: {eventName: A}\nb: {eventName: PutBucketPolicy}\ncondition: 1 of them` ;; true
      all of them ;; `a: {eventName: PutBucketPolicy}\nb: {eventSource: s3.amazonaws.com}\ncondition: all of them` ;; true
      them skips underscore names ;; `a: {eventName: PutBucketPolicy}\n_helper: {eventName: X}\ncondition: all of them` ;; true
      condition list is OR ;; `a: {eventName: A}\nb: {eventName: PutBucketPolicy}\ncondition: [a, b]` ;; true
      keywords in uppercase AND OR NOT ;; `a: {eventName: PutBucketPolicy}\nb: {eventName: X}\ncondition: a AND NOT b` ;; true
      derived world-open field ;; `sel: {trailwatch.identity.actor: bob}\ncondition: sel` ;; true
      """)
  void evaluates(String name, String detection, boolean expected) {
    assertThat(matches(detection.replace("\\n", "\n"), Map.of())).as(name).isEqualTo(expected);
  }

  @Test
  void expandUsesConfiguredPlaceholders() {
    assertThat(matches("sel: {sourceIPAddress|expand: '%office%'}\ncondition: sel", Map.of("office", List.of("198.51.100.1", "203.0.113.7")))).isTrue();
    assertThat(matches("sel: {sourceIPAddress|expand: '%office%'}\ncondition: sel", Map.of("office", List.of("198.51.100.1")))).isFalse();
  }

  /** Broken rules: every problem with file:line:column, and the good rule beside them still loads. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ;; ", quoteCharacter = '`', textBlock = """
      unknown modifier ;; `sel: {eventName|sometimes: A}\ncondition: sel` ;; unknown modifier 'sometimes'
      unknown search name ;; `sel: {eventName: A}\ncondition: sel and other` ;; 'other', which is not a search
      unbalanced parenthesis ;; `sel: {eventName: A}\ncondition: (sel` ;; missing ')'
      quantifier without match ;; `sel: {eventName: A}\ncondition: 1 of filter_*` ;; matches no search
      bad regular expression ;; `sel: {eventName|re: '(unclosed'}\ncondition: sel` ;; invalid regular expression
      bad cidr ;; `sel: {sourceIPAddress|cidr: 10.0.0.0/99}\ncondition: sel` ;; CIDR
      missing placeholder ;; `sel: {sourceIPAddress|expand: '%nowhere%'}\ncondition: sel` ;; placeholder %nowhere%
      exists needs a boolean ;; `sel: {eventName|exists: maybe}\ncondition: sel` ;; needs true or false
      gt needs a number ;; `sel: {eventName|gt: many}\ncondition: sel` ;; needs a number
      nested map value ;; `sel: {eventName: {a: b}}\ncondition: sel` ;; holds a mapping
      """)
  void reportsProblemsWithFileLineAndColumn(String name, String detection, String message) {
    String bad = "title: bad\nid: bad\nlogsource: {product: aws}\ndetection:\n" + detection.replace("\\n", "\n").indent(2) + "level: low\n";
    String good = "title: good\nid: good\nlogsource: {product: aws}\ndetection:\n  sel: {eventName: A}\n  condition: sel\n";
    ParsedRules parsed = new SigmaParser().parse("rules.yml", bad + "---\n" + good);
    assertThat(parsed.rules()).extracting(r -> r.id()).containsExactly("good");
    assertThat(parsed.problems()).singleElement().satisfies(p -> {
      assertThat(p.message()).as(name).contains(message);
      assertThat(p.file()).isEqualTo("rules.yml");
      assertThat(p.line()).isBetween(4, 8);
      assertThat(p.column()).isPositive();
      assertThat(p.toString()).startsWith("rules.yml:" + p.line() + ":" + p.column() + ": ");
    });
  }

  @Test
  void invalidYamlIsReportedWithItsPosition() {
    ParsedRules parsed = new SigmaParser().parse("broken.yml", "title: x\ndetection:\n  sel: [a, b\n  condition: sel\n");
    assertThat(parsed.problems()).singleElement().satisfies(p -> {
      assertThat(p.message()).startsWith("invalid YAML");
      assertThat(p.line()).isPositive();
    });
  }

  @Test
  void matchingDoesNotDependOnTheLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(matches("sel: {userIdentity.type: iamuser}\ncondition: sel", Map.of())).isTrue();
      assertThat(matches("sel: {userAgent|contains: LINUX}\ncondition: sel", Map.of())).isTrue();
    } finally {
      Locale.setDefault(before);
    }
  }
}
