// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trailwatch.detect.sigma.FieldSource;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.FieldPath;
import dev.trailwatch.event.TriState;
import dev.trailwatch.event.UserIdentity;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An event as rules see it: CloudTrail's dotted field names, typed fields answered without parsing, nested
 * ones from the raw record (parsed once, only when a rule asks), and the derived {@code trailwatch.*} fields
 * of {@link Enrichment}. One instance per event; not thread-safe.
 */
public final class EventFields implements FieldSource {
  private final CloudTrailEvent e;
  private @Nullable Map<String, List<JsonNode>> derived;
  /** Values already looked up for this event: many rules ask for the same few fields. */
  private final Map<String, List<JsonNode>> seen = new java.util.HashMap<>(16);

  public EventFields(CloudTrailEvent e) {
    this.e = e;
  }

  @Override
  public List<JsonNode> values(String field) {
    List<JsonNode> v = seen.get(field);
    if (v == null) {
      v = lookUp(field);
      seen.put(field, v);
    }
    return v;
  }

  private List<JsonNode> lookUp(String field) {
    UserIdentity u = e.userIdentity();
    return switch (field) {
      case "eventSource" -> text(e.eventSource());
      case "eventName" -> text(e.eventName());
      case "awsRegion" -> text(e.awsRegion());
      case "sourceIPAddress" -> text(e.sourceIpAddress());
      case "userAgent" -> text(e.userAgent());
      case "errorCode" -> text(e.errorCode());
      case "errorMessage" -> text(e.errorMessage());
      case "eventType" -> text(e.eventType());
      case "eventCategory" -> text(e.eventCategory());
      case "recipientAccountId" -> text(e.recipientAccountId());
      case "eventID" -> text(e.eventId());
      case "requestID" -> text(e.requestId());
      case "readOnly" -> flag(e.readOnly());
      case "userIdentity.type" -> text(u.type());
      case "userIdentity.arn" -> text(u.arn());
      case "userIdentity.accountId" -> text(u.accountId());
      case "userIdentity.principalId" -> text(u.principalId());
      case "userIdentity.userName" -> text(u.userName());
      case "userIdentity.invokedBy" -> text(u.invokedBy());
      case "userIdentity.accessKeyId" -> text(u.accessKeyId());
      case "userIdentity.sessionContext.sessionIssuer.type" -> text(u.sessionIssuerType());
      case "userIdentity.sessionContext.sessionIssuer.userName" -> text(u.sessionIssuerUserName());
      case "userIdentity.sessionContext.sessionIssuer.arn" -> text(u.sessionIssuerArn());
      default -> field.startsWith(Enrichment.PREFIX)
          ? derived().getOrDefault(field, List.of())
          : e.raw().values(FieldPath.of(field));
    };
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
