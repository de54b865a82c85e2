// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nested look-ups parse only the document a path starts in, with the record parser's own token loop; what
 * they return must equal what Jackson's {@code readTree} of the whole record gives.
 */
class RawJsonTest {
  private static final String RECORD =
      """
      {"eventVersion":"1.08","eventID":"e1","eventName":"X","recipientAccountId":"1",
       "userIdentity":{"type":"AssumedRole","sessionContext":{"attributes":{"mfaAuthenticated":"false"}}},
       "requestParameters":{"a":{"b":[{"c":1},{"c":"two"},{"c":null},{"d":true}]},"n":[1,2147483648,123456789012345678901234,1.5,-0.0],
         "dup":1,"dup":{"x":"last"},"empty":{},"list":[],"s":"caf\\u00e9 \\"q\\"","deep":[[{"k":"v"}]]},
       "responseElements":null,
       "resources":[{"ARN":"arn:aws:s3:::b","type":"AWS::S3::Bucket"},{"ARN":"arn:aws:iam::1:role/r"}],
       "additionalEventData":{"MFAUsed":"No","bytesTransferredIn":12.0},
       "serviceEventDetails":"a string"}""";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "requestParameters", "requestParameters.a.b.c", "requestParameters.a.b.d", "requestParameters.n", "requestParameters.dup",
      "requestParameters.dup.x", "requestParameters.empty", "requestParameters.list", "requestParameters.s", "requestParameters.deep.k",
      "requestParameters.nope", "responseElements", "responseElements.x", "resources.ARN", "resources.type",
      "additionalEventData.MFAUsed", "additionalEventData.bytesTransferredIn", "serviceEventDetails", "serviceEventDetails.x",
      "userIdentity.sessionContext.attributes.mfaAuthenticated", "eventName", "nope.at.all"})
  void aPathGivesWhatJacksonsTreeOfTheWholeRecordGives(String path) throws Exception {
    CloudTrailEvent e = new LogFileParser().parse(("{\"Records\":[" + RECORD + "]}").getBytes(StandardCharsets.UTF_8)).events().get(0);
    JsonNode whole = new ObjectMapper().readTree(RECORD);

    List<JsonNode> expected = new ArrayList<>();
    walk(whole, List.of(path.split("\\.")), 0, expected);

    assertThat(e.raw().values(FieldPath.of(path))).isEqualTo(expected);
    assertThat(e.raw().toJsonNode()).isEqualTo(whole);
  }

  /** The documented meaning of a path: crossing an array means any element. */
  private static void walk(JsonNode node, List<String> segments, int i, List<JsonNode> out) {
    if (node.isArray()) {
      node.forEach(element -> walk(element, segments, i, out));
    } else if (i == segments.size()) {
      out.add(node);
    } else if (node.has(segments.get(i))) {
      walk(node.get(segments.get(i)), segments, i + 1, out);
    }
  }
}
