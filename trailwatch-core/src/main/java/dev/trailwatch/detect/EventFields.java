// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trailwatch.detect.sigma.FieldSource;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.FieldPath;
import dev.trailwatch.event.TriState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An event as rules see it: CloudTrail's dotted field names, typed fields answered without parsing, nested
 * ones from the raw record (parsed once, only when a rule asks), and the derived {@code trailwatch.*} fields
 * of {@link Enrichment}. One instance per event; not thread-safe.
 */
public final class EventFields implements FieldSource {
  /** Rules name a bounded set of fields; each one's path is parsed once. */
  private static final BoundedMemo<String, FieldPath> PATHS = new BoundedMemo<>(10_000, FieldPath::of);
  private final CloudTrailEvent e;
  private @Nullable Map<String, List<JsonNode>> derived;
  /**
   * Values already looked up for this event (many rules ask for the same few fields), in two small arrays:
   * rules name fields by the same string instances, so a look-up is mostly an identity comparison.
   */
  private String[] seenFields = new String[4];
  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<JsonNode>[] seenValues = new List[4];
  private int seenCount;

  public EventFields(CloudTrailEvent e) {
    this.e = e;
  }

  @Override
  public List<JsonNode> values(String field) {
    for (int i = 0; i < seenCount; i++) {
      String f = seenFields[i];
      if (f == field || f.equals(field)) {
        return seenValues[i];
      }
    }
    List<JsonNode> v = lookUp(field);
    if (seenCount == seenFields.length) {
      seenFields = Arrays.copyOf(seenFields, seenCount * 2);
      seenValues = Arrays.copyOf(seenValues, seenCount * 2);
    }
    seenFields[seenCount] = field;
    seenValues[seenCount++] = v;
    return v;
  }

  /** The fields the event holds as plain text, each read without parsing anything. */
  public static final Map<String, Function<CloudTrailEvent, @Nullable String>> TEXT_FIELDS = Map.ofEntries(
      Map.entry("eventSource", CloudTrailEvent::eventSource),
      Map.entry("eventName", CloudTrailEvent::eventName),
      Map.entry("awsRegion", CloudTrailEvent::awsRegion),
      Map.entry("sourceIPAddress", CloudTrailEvent::sourceIpAddress),
      Map.entry("userAgent", CloudTrailEvent::userAgent),
      Map.entry("errorCode", CloudTrailEvent::errorCode),
      Map.entry("errorMessage", CloudTrailEvent::errorMessage),
      Map.entry("eventType", CloudTrailEvent::eventType),
      Map.entry("eventCategory", CloudTrailEvent::eventCategory),
      Map.entry("recipientAccountId", CloudTrailEvent::recipientAccountId),
      Map.entry("eventID", CloudTrailEvent::eventId),
      Map.entry("requestID", CloudTrailEvent::requestId),
      Map.entry("userIdentity.type", e -> e.userIdentity().type()),
      Map.entry("userIdentity.arn", e -> e.userIdentity().arn()),
      Map.entry("userIdentity.accountId", e -> e.userIdentity().accountId()),
      Map.entry("userIdentity.principalId", e -> e.userIdentity().principalId()),
      Map.entry("userIdentity.userName", e -> e.userIdentity().userName()),
      Map.entry("userIdentity.invokedBy", e -> e.userIdentity().invokedBy()),
      Map.entry("userIdentity.accessKeyId", e -> e.userIdentity().accessKeyId()),
      Map.entry("userIdentity.sessionContext.sessionIssuer.type", e -> e.userIdentity().sessionIssuerType()),
      Map.entry("userIdentity.sessionContext.sessionIssuer.userName", e -> e.userIdentity().sessionIssuerUserName()),
      Map.entry("userIdentity.sessionContext.sessionIssuer.arn", e -> e.userIdentity().sessionIssuerArn()));

  private List<JsonNode> lookUp(String field) {
    Function<CloudTrailEvent, @Nullable String> typed = TEXT_FIELDS.get(field);
    if (typed != null) {
      return text(typed.apply(e));
    }
    if (field.equals("readOnly")) {
      return flag(e.readOnly());
    }
    return field.startsWith(Enrichment.PREFIX) ? derived().getOrDefault(field, List.of()) : e.raw().values(PATHS.get(field));
  }

  @Override
  public String text() {
    return e.raw().text();
  }

  private Map<String, List<JsonNode>> derived() {
    Map<String, List<JsonNode>> d = derived;
    if (d == null) {
      d = Enrichment.of(e);
      derived = d;
    }
    return d;
  }

  private static List<JsonNode> text(@Nullable String v) {
    return v == null ? List.of() : List.of(TextNode.valueOf(v));
  }

  private static List<JsonNode> flag(TriState t) {
    return t == TriState.ABSENT ? List.of() : List.of(BooleanNode.valueOf(t == TriState.TRUE));
  }
}
