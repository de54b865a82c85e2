// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.FieldPath;
import dev.trailwatch.event.TriState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derived fields that rules can match like any other, under {@code trailwatch.}:
 *
 * <ul>
 *   <li>{@code trailwatch.identity.actor} who acted; {@code .root} the root user acted itself (not through a
 *       service); {@code .mfa} MFA was used (session attribute or console sign-in); {@code .service} an AWS
 *       service acted ({@code invokedBy}, {@code AWSService}, {@code AwsServiceEvent}).
 *   <li>{@code trailwatch.exposure.*}, for {@code AuthorizeSecurityGroupIngress/Egress},
 *       {@code ModifySecurityGroupRules}, {@code CreateNetworkAclEntry} and {@code ReplaceNetworkAclEntry}:
 *       {@code .kind} security_group or network_acl; {@code .direction} ingress or egress; {@code .action}
 *       allow or deny; {@code .protocol}; {@code .from_port}, {@code .to_port}; {@code .cidr} every network
 *       opened; {@code .world_open} a network is 0.0.0.0/0 or ::/0 and the rule allows; {@code .all_ports}
 *       every port (protocol -1/all or 0–65535); {@code .admin_port} the range includes SSH, RDP or a
 *       database port.
 * </ul>
 */
public final class Enrichment {
  public static final String PREFIX = "trailwatch.";
  static final Set<Integer> ADMIN_PORTS = Set.of(22, 3389, 1433, 1521, 3306, 5432, 5439, 6379, 9200, 11211, 27017, 23, 445);
  private static final Set<String> SG_EVENTS = Set.of("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "ModifySecurityGroupRules");
  private static final Set<String> NACL_EVENTS = Set.of("CreateNetworkAclEntry", "ReplaceNetworkAclEntry");

  private static final FieldPath IP_PERMISSIONS_ITEMS = FieldPath.of("requestParameters.ipPermissions.items");
  private static final FieldPath CIDR_IP = FieldPath.of("requestParameters.cidrIp");
  private static final FieldPath IP_PROTOCOL = FieldPath.of("requestParameters.ipProtocol");
  private static final FieldPath FROM_PORT = FieldPath.of("requestParameters.fromPort");
  private static final FieldPath TO_PORT = FieldPath.of("requestParameters.toPort");
  private static final FieldPath MODIFIED_RULES =
      FieldPath.of("requestParameters.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule");
  private static final FieldPath REQUEST_PARAMETERS = FieldPath.of("requestParameters");

  private Enrichment() {}

  /** Every derived field of one event. */
  public static Map<String, List<JsonNode>> of(CloudTrailEvent e) {
    Map<String, List<JsonNode>> out = new HashMap<>();
    boolean service = e.userIdentity().invokedBy() != null || "AWSService".equals(e.userIdentity().type())
        || "AwsServiceEvent".equals(e.eventType());
    put(out, "identity.actor", TextNode.valueOf(e.actor()));
    put(out, "identity.root", BooleanNode.valueOf("Root".equals(e.userIdentity().type()) && e.userIdentity().invokedBy() == null
        && !"AwsServiceEvent".equals(e.eventType())));
    put(out, "identity.mfa", BooleanNode.valueOf(e.userIdentity().mfaAuthenticated() == TriState.TRUE || e.mfaUsed() == TriState.TRUE));
    put(out, "identity.service", BooleanNode.valueOf(service));
    if ("ec2.amazonaws.com".equals(e.eventSource()) && e.eventName() != null) {
      if (SG_EVENTS.contains(e.eventName())) {
        securityGroup(e, out);
      } else if (NACL_EVENTS.contains(e.eventName())) {
        networkAcl(e, out);
      }
    }
    return out;
  }

  private static void securityGroup(CloudTrailEvent e, Map<String, List<JsonNode>> out) {
    List<Rule> rules = new ArrayList<>();
    boolean egress = e.eventName().endsWith("Egress");
    for (JsonNode p : e.raw().values(IP_PERMISSIONS_ITEMS)) {
      List<String> cidrs = new ArrayList<>();
      p.path("ipRanges").path("items").forEach(r -> cidrs.add(r.path("cidrIp").asText()));
      p.path("ipv6Ranges").path("items").forEach(r -> cidrs.add(r.path("cidrIpv6").asText()));
      rules.add(new Rule(p.path("ipProtocol").asText(""), port(p.path("fromPort")), port(p.path("toPort")), cidrs, true));
    }
    // The older flat form: cidrIp, ipProtocol, fromPort, toPort at the top of requestParameters.
    e.raw().at(CIDR_IP).ifPresent(c -> rules.add(new Rule(
        e.raw().at(IP_PROTOCOL).map(JsonNode::asText).orElse(""),
        e.raw().at(FROM_PORT).map(Enrichment::port).orElse(-1),
        e.raw().at(TO_PORT).map(Enrichment::port).orElse(-1), List.of(c.asText()), true)));
    for (JsonNode r : e.raw().values(MODIFIED_RULES)) {
      List<String> cidrs = new ArrayList<>();
      if (r.has("CidrIpv4")) {
        cidrs.add(r.path("CidrIpv4").asText());
      }
      if (r.has("CidrIpv6")) {
        cidrs.add(r.path("CidrIpv6").asText());
      }
      rules.add(new Rule(r.path("IpProtocol").asText(""), port(r.path("FromPort")), port(r.path("ToPort")), cidrs, true));
    }
    describe(out, "security_group", egress, rules);
  }

  private static void networkAcl(CloudTrailEvent e, Map<String, List<JsonNode>> out) {
    JsonNode rp = e.raw().at(REQUEST_PARAMETERS).orElse(TextNode.valueOf(""));
    List<String> cidrs = new ArrayList<>();
    if (rp.hasNonNull("cidrBlock")) {
      cidrs.add(rp.get("cidrBlock").asText());
    }
    if (rp.hasNonNull("ipv6CidrBlock")) {
      cidrs.add(rp.get("ipv6CidrBlock").asText());
    }
    boolean allow = "allow".equalsIgnoreCase(rp.path("ruleAction").asText());
    Rule r = new Rule(rp.path("aclProtocol").asText(""), port(rp.path("portRange").path("from")), port(rp.path("portRange").path("to")), cidrs, allow);
    describe(out, "network_acl", rp.path("egress").asBoolean(false), List.of(r));
  }

  private record Rule(String protocol, int from, int to, List<String> cidrs, boolean allow) {
    boolean allProtocols() {
      return protocol.equals("-1") || protocol.equalsIgnoreCase("all");
    }

    boolean allPorts() {
      return allProtocols() || (from <= 0 && to >= 65535) || (from == -1 && to == -1 && !protocol.equalsIgnoreCase("icmp"));
    }

    boolean world() {
      return cidrs.contains("0.0.0.0/0") || cidrs.contains("::/0");
    }

    boolean admin() {
      if (allPorts()) {
        return true;
      }
      for (int p : ADMIN_PORTS) {
        if (from <= p && p <= to) {
          return true;
        }
      }
      return false;
    }
  }

  private static void describe(Map<String, List<JsonNode>> out, String kind, boolean egress, List<Rule> rules) {
    if (rules.isEmpty()) {
      return;
    }
    put(out, "exposure.kind", TextNode.valueOf(kind));
    put(out, "exposure.direction", TextNode.valueOf(egress ? "egress" : "ingress"));
    boolean world = false;
    boolean all = false;
    boolean admin = false;
    for (Rule r : rules) {
      put(out, "exposure.action", TextNode.valueOf(r.allow() ? "allow" : "deny"));
      put(out, "exposure.protocol", TextNode.valueOf(r.protocol().toLowerCase(Locale.ROOT)));
      put(out, "exposure.from_port", IntNode.valueOf(r.from()));
      put(out, "exposure.to_port", IntNode.valueOf(r.to()));
      r.cidrs().forEach(c -> put(out, "exposure.cidr", TextNode.valueOf(c)));
      world |= r.allow() && r.world();
      all |= r.allow() && r.allPorts() && !r.cidrs().isEmpty();
      admin |= r.allow() && r.admin();
    }
    put(out, "exposure.world_open", BooleanNode.valueOf(world));
    put(out, "exposure.all_ports", BooleanNode.valueOf(all));
    put(out, "exposure.admin_port", BooleanNode.valueOf(admin));
  }

  private static int port(JsonNode n) {
    if (n.isNumber()) {
      return n.asInt();
    }
    try {
      return n.isTextual() ? Integer.parseInt(n.asText().trim()) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void put(Map<String, List<JsonNode>> out, String key, JsonNode v) {
    out.computeIfAbsent(PREFIX + key, k -> new ArrayList<>()).add(v);
  }
}
