// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import java.util.List;
import java.util.SplittableRandom;

/** Everyday activity: who calls what, from where, and how often it fails. */
final class Baseline {
  private static final List<String> GLOBAL = List.of("iam", "sts", "organizations", "route53", "cloudfront", "signin", "sso-directory", "account", "ce", "health", "support", "trustedadvisor", "route53domains");

  private Baseline() {}

  /** A baseline event at {@code second} in {@code account}/{@code region}. */
  static Draft draft(SplittableRandom r, long second, String account, String region) {
    Draft d = new Draft();
    d.epochSecond = second;
    d.account = account;
    d.eventId = Organization.uuid(r);
    d.requestId = Organization.uuid(r);
    if (r.nextInt(1000) < 3) {
      consoleLogin(d, r);
      return d;
    }
    Catalog.Api api = Catalog.pick(r);
    d.eventSource = api.eventSource();
    d.eventName = api.name();
    d.readOnly = api.readOnly();
    d.region = GLOBAL.contains(api.service()) ? "us-east-1" : region;
    identity(d, r, api);
    Shapes.fill(d, api.shape(), r);
    if (r.nextInt(1000) < 30) {
      error(d, r);
    }
    return d;
  }

  private static void identity(Draft d, SplittableRandom r, Catalog.Api api) {
    int roll = r.nextInt(1000);
    String a = d.account;
    if (roll < 140 || api.name().equals("AssumeRole") && roll < 500) {
      String service = Organization.SERVICES.get(r.nextInt(Organization.SERVICES.size()));
      d.identity = Identity.service(service);
      d.sourceIp = service;
      d.userAgent = service;
      d.tls = false;
    } else if (roll < 200) {
      String user = Organization.USERS.get(r.nextInt(Organization.USERS.size()));
      d.identity = Identity.iamUser(a, user, "AKIA" + Identity.tag(a, user));
      d.sourceIp = Organization.officeIp(r);
      d.userAgent = Organization.AGENTS.get(r.nextInt(4));
    } else if (roll < 295) {
      d.identity = Identity.federated(a, "contractor-" + r.nextInt(3), "ci-deploy");
      d.sourceIp = Organization.officeIp(r);
      d.userAgent = Organization.AGENTS.get(1);
    } else if (roll < 310 && api.readOnly()) {
      d.identity = Identity.awsAccount(Organization.PARTNER);
      d.sourceIp = "192.0.2." + (1 + r.nextInt(50));
      d.userAgent = Organization.AGENTS.get(2);
    } else if (roll < 325) {
      d.identity = Identity.identityCenterUser(a, Organization.USERS.get(r.nextInt(5)));
      d.sourceIp = Organization.officeIp(r);
      d.userAgent = Organization.AGENTS.get(4);
    } else if (roll < 327) {
      // Root acting through a service (invokedBy): the benign look-alike of root use.
      d.identity = Identity.root(a, "support.amazonaws.com");
      d.sourceIp = "support.amazonaws.com";
      d.userAgent = "support.amazonaws.com";
    } else {
      String role = Organization.ROLES.get(r.nextInt(Organization.ROLES.size()));
      boolean human = role.startsWith("AWSReserved") || role.equals("Admin") || role.equals("Developer");
      // Machine sessions are reused: a handful of instances or tasks per role.
      String session = human ? Organization.USERS.get(r.nextInt(5)) : "i-0" + Identity.tag(a, role + r.nextInt(4)).toLowerCase(java.util.Locale.ROOT);
      d.identity = Identity.assumedRole(a, role, session, human, Organization.accessKey(r, "ASIA"));
      d.sourceIp = human ? Organization.officeIp(r) : "10.20." + r.nextInt(256) + "." + r.nextInt(256);
      d.userAgent = Organization.AGENTS.get(human ? 4 + r.nextInt(2) - 1 : r.nextInt(3));
    }
  }

  private static void error(Draft d, SplittableRandom r) {
    int kind = r.nextInt(100);
    boolean person = !"AssumedRole".equals(d.identity.type()) && !"AWSService".equals(d.identity.type());
    if (kind < 40 && person) {
      kind = 40 + r.nextInt(60); // refusals mostly hit automation with too narrow a role, not people
    }
    if (kind < 40) {
      if (d.eventSource.startsWith("ec2.")) {
        d.errorCode = "Client.UnauthorizedOperation";
        d.errorMessage = "You are not authorized to perform this operation.";
      } else {
        d.errorCode = "AccessDenied";
        d.errorMessage = "User: " + (d.identity.arn() == null ? d.identity.invokedBy() : d.identity.arn())
            + " is not authorized to perform: " + d.eventSource.replace(".amazonaws.com", "") + ":" + d.eventName;
      }
    } else if (kind < 65) {
      d.errorCode = "ThrottlingException";
      d.errorMessage = "Rate exceeded";
    } else if (kind < 85) {
      d.errorCode = d.eventSource.startsWith("iam.") ? "NoSuchEntityException" : "ResourceNotFoundException";
      d.errorMessage = "The resource was not found.";
    } else {
      d.errorCode = "ValidationException";
      d.errorMessage = "1 validation error detected";
    }
  }

  /** A console sign-in of a person, always with MFA in the baseline (the look-alike of a login without it). */
  static void consoleLogin(Draft d, SplittableRandom r) {
    String a = d.account;
    d.eventSource = "signin.amazonaws.com";
    d.eventName = "ConsoleLogin";
    d.region = "us-east-1";
    d.eventType = "AwsConsoleSignIn";
    d.readOnly = false;
    d.tls = false;
    d.sourceIp = Organization.officeIp(r);
    d.userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    String user = Organization.USERS.get(r.nextInt(5));
    d.identity = r.nextBoolean()
        ? Identity.iamUser(a, user, null)
        : Identity.assumedRole(a, Organization.ROLES.get(3), user, false, null);
    consoleDetails(d, "Yes", "Success");
  }

  static void consoleDetails(Draft d, String mfaUsed, String result) {
    d.additionalEventData = g -> Shapes.obj(g, "LoginTo", "https://console.aws.amazon.com/console/home", "MobileVersion", "No", "MFAUsed", mfaUsed);
    d.responseElements = g -> Shapes.obj(g, "ConsoleLogin", result);
    if (!result.equals("Success")) {
      d.errorMessage = "Failed authentication";
    }
  }
}
