// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexHintTest {
  @ParameterizedTest
  @CsvSource(delimiterString = " ;; ", textBlock = """
      .+:assumed-role/aws:.+ ;; :assumed-role/aws:
      ^arn:aws:iam::\\d+:root$ ;; arn:aws:iam::
      colou?r ;; colo
      ab+c ;; ab
      a|b ;; ''
      (foo)bar ;; bar
      x[abc]yz ;; yz
      \\.exe$ ;; .exe
      """)
  void findsARequiredLiteral(String re, String hint) {
    assertThat(RegexHint.requiredLiteral(re)).isEqualTo(hint);
  }

  @Test
  void theHintNeverChangesTheResult() {
    String[] patterns = {".+:assumed-role/aws:.+", "colou?r", "ab+c", "(x|y)zz", "a.c", "^abc", "b{2}c", "[a-c]+d", "a\\.b", "q*r"};
    Random random = new Random(3);
    String alphabet = "abcqrxyz.:/-";
    for (String p : patterns) {
      Pattern compiled = Pattern.compile(p);
      ValueTest.Regex test = new ValueTest.Regex(compiled, RegexHint.requiredLiteral(p));
      for (int i = 0; i < 2000; i++) {
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
          b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String v = b.toString();
        assertThat(test.test(com.fasterxml.jackson.databind.node.TextNode.valueOf(v), null))
            .as("%s on %s", p, v).isEqualTo(compiled.matcher(v).find());
      }
    }
  }
}
