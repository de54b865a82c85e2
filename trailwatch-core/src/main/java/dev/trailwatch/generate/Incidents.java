// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** The planted attack and misconfiguration scenarios, placed at fixed points of the corpus's time range. */
final class Incidents {
  /** A scenario with its events. */
  record Planted(Incident incident, List<Draft> drafts) {}

  private static final String ATTACKER_IP = "203.0.113.66";
  private static final String ATTACKER_AGENT = "aws-cli/2.13.0 Python/3.11.4 Darwin/22.6.0 exe/x86_64 prompt/off";

  private final SplittableRandom r;
  private final List<String> accounts;
  private final long start;
  private final long span;
  private final List<Planted> planted = new ArrayList<>();

  private Incidents(long seed, List<String> accounts, long start, long span) {
    this.r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.accounts = accounts;
    this.start = start;
    this.span = span;
  }

  static List<Planted> plant(long seed, List<String> accounts, String region, long start, long span) {
    Incidents i = new Incidents(seed, accounts, start, span);
    i.all(region);
    return i.planted;
  }

  private String workload(int n) {
    return accounts.get(Math.min(accounts.size() - 1, 1 + n % Math.max(1, accounts.size() - 1)));
  }

  private void all(String region) {
    String a = workload(0);
    String b = workload(1);
    scenario("world-open-ssh", "Security group opened to the world on SSH (22)",
        "security groups opened to 0.0.0.0/0", a, region, 0.10, 1, d -> {
          attacker(d, a, "AuthorizeSecurityGroupIngress", "ec2");
          String sg = "sg-" + Organization.hex(r, 17);
          d.requestParameters = g -> Shapes.securityGroupRule(g, sg, "tcp", 22, 22, "0.0.0.0/0");
          d.responseElements = g -> Shapes.obj(g, "_return", "true");
        });
    scenario("world-open-all-ports", "Security group opened to the world on all ports and protocols (IPv6)",
        "security groups opened to all ports", b, region, 0.18, 1, d -> {
          attacker(d, b, "AuthorizeSecurityGroupIngress", "ec2");
          String sg = "sg-" + Organization.hex(r, 17);
          d.requestParameters = g -> Shapes.securityGroupRule(g, sg, "-1", -1, -1, "::/0");
          d.responseElements = g -> Shapes.obj(g, "_return", "true");
        });
    scenario("nacl-allow-all-from-world", "Network ACL entry allowing all traffic from 0.0.0.0/0",
        "network ACLs opened to 0.0.0.0/0", a, region, 0.26, 1, d -> {
          attacker(d, a, "CreateNetworkAclEntry", "ec2");
          String acl = "acl-" + Organization.hex(r, 17);
          d.requestParameters = g -> Shapes.naclEntry(g, acl, 90, false, "allow", "-1", 0, 65535, "0.0.0.0/0");
        });
    scenario("access-denied-burst", "Burst of AccessDenied calls from one stolen access key (reconnaissance)",
        "unauthorized calls (AccessDenied, *UnauthorizedOperation)", b, region, 0.34, 25, d -> {
          String[][] calls = {{"iam", "ListUsers"}, {"s3", "ListBuckets"}, {"ec2", "DescribeInstances"}, {"secretsmanager", "ListSecrets"}, {"kms", "ListKeys"}};
          String[] call = calls[r.nextInt(calls.length)];
          attackerUser(d, b, call[1], call[0]);
          d.readOnly = true;
          if (call[0].equals("ec2")) {
            d.errorCode = "Client.UnauthorizedOperation";
            d.errorMessage = "You are not authorized to perform this operation.";
          } else {
            d.errorCode = "AccessDenied";
            d.errorMessage = "User: " + d.identity.arn() + " is not authorized to perform: " + call[0] + ":" + call[1];
          }
        });
    scenario("root-console-login", "Root user signs in to the console and works",
        "root use", a, "us-east-1", 0.42, 3, new Consumer<>() {
          int n;

          @Override
          public void accept(Draft d) {
            if (n++ == 0) {
              d.eventSource = "signin.amazonaws.com";
              d.eventName = "ConsoleLogin";
              d.region = "us-east-1";
              d.eventType = "AwsConsoleSignIn";
              d.tls = false;
              d.identity = Identity.root(a, null);
              d.sourceIp = ATTACKER_IP;
              d.userAgent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15";
              Baseline.consoleDetails(d, "Yes", "Success");
            } else {
              attacker(d, a, n == 2 ? "ListUsers" : "GetAccountSummary", "iam");
              d.identity = Identity.root(a, null);
              d.readOnly = true;
              d.region = "us-east-1";
            }
          }
        });
    scenario("console-login-without-mfa", "IAM user signs in to the console without MFA",
        "console logins without MFA", b, "us-east-1", 0.50, 1,
        d -> signIn(d, Identity.iamUser(b, "dave", null), "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0", "Success"));
    scenario("cloudtrail-stopped", "CloudTrail logging stopped and the trail deleted",
        "CloudTrail changes (CIS 4.5)", a, "us-east-1", 0.58, 2, new Consumer<>() {
          int n;

          @Override
          public void accept(Draft d) {
            attacker(d, a, n++ == 0 ? "StopLogging" : "DeleteTrail", "cloudtrail");
            d.region = "us-east-1";
            d.requestParameters = g -> Shapes.obj(g, "name", "arn:aws:cloudtrail:us-east-1:" + a + ":trail/org-trail");
          }
        });
    scenario("kms-key-deletion", "Customer managed KMS key disabled and scheduled for deletion",
        "CMK disable or deletion (CIS 4.7)", b, region, 0.64, 2, new Consumer<>() {
          int n;

          @Override
          public void accept(Draft d) {
            attacker(d, b, n++ == 0 ? "DisableKey" : "ScheduleKeyDeletion", "kms");
            String key = "arn:aws:kms:" + d.region + ":" + b + ":key/" + Organization.uuid(r);
            d.requestParameters = g -> Shapes.obj(g, "keyId", key, "pendingWindowInDays", "7");
          }
        });
    scenario("public-bucket-policy", "S3 bucket policy grants read to everyone (Principal *)",
        "S3 bucket policy changes (CIS 4.8)", a, region, 0.70, 1, d -> {
          attacker(d, a, "PutBucketPolicy", "s3");
          String bucket = "app-data-" + a;
          d.requestParameters = g -> Shapes.bucketPolicy(g, bucket, "\"*\"");
        });
    scenario("iam-backdoor-admin", "Access key created for another user, who is then given AdministratorAccess",
        "IAM policy changes (CIS 4.4), persistence", b, "us-east-1", 0.76, 2, new Consumer<>() {
          int n;

          @Override
          public void accept(Draft d) {
            boolean key = n++ == 0;
            attacker(d, b, key ? "CreateAccessKey" : "AttachUserPolicy", "iam");
            d.region = "us-east-1";
            d.requestParameters = key
                ? g -> Shapes.obj(g, "userName", "backup-svc")
                : g -> Shapes.obj(g, "userName", "backup-svc", "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess");
          }
        });
    scenario("snapshot-shared-externally", "EBS snapshot shared with an account outside the organisation",
        "exfiltration by sharing snapshots", a, region, 0.82, 1, d -> {
          attacker(d, a, "ModifySnapshotAttribute", "ec2");
          String snap = "snap-" + Organization.hex(r, 17);
          d.requestParameters = g -> {
            g.writeStartObject();
            g.writeStringField("snapshotId", snap);
            g.writeObjectFieldStart("createVolumePermission");
            g.writeObjectFieldStart("add");
            g.writeArrayFieldStart("items");
            g.writeStartObject();
            g.writeStringField("userId", "777766665555");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeStringField("attributeType", "CREATE_VOLUME_PERMISSION");
            g.writeEndObject();
          };
        });
    scenario("config-recorder-stopped", "AWS Config recorder stopped",
        "Config changes (CIS 4.9)", b, region, 0.86, 1, d -> {
          attacker(d, b, "StopConfigurationRecorder", "config");
          d.requestParameters = g -> Shapes.obj(g, "configurationRecorderName", "default");
        });
    scenario("guardduty-detector-deleted", "GuardDuty detector deleted",
        "defense evasion", a, region, 0.90, 1, d -> {
          attacker(d, a, "DeleteDetector", "guardduty");
          d.requestParameters = g -> Shapes.obj(g, "detectorId", Organization.hex(new SplittableRandom(7), 32));
        });
    scenario("console-brute-force", "Repeated failed console sign-ins for one user",
        "console authentication failures (CIS 4.6)", a, "us-east-1", 0.94, 6,
        d -> signIn(d, Identity.iamUser(a, "alice", null), "python-requests/2.31.0", "Failure"));
    scenario("leave-organization", "Member account tries to leave the organisation",
        "Organizations changes (CIS 4.15)", b, "us-east-1", 0.97, 1, d -> {
          attacker(d, b, "LeaveOrganization", "organizations");
          d.region = "us-east-1";
        });
  }

  /** A console sign-in from the attacker's address, without MFA. */
  private static void signIn(Draft d, Identity who, String agent, String result) {
    d.eventSource = "signin.amazonaws.com";
    d.eventName = "ConsoleLogin";
    d.region = "us-east-1";
    d.eventType = "AwsConsoleSignIn";
    d.tls = false;
    d.identity = who;
    d.sourceIp = ATTACKER_IP;
    d.userAgent = agent;
    Baseline.consoleDetails(d, "No", result);
  }

  private void attacker(Draft d, String account, String name, String service) {
    d.account = account;
    d.eventSource = service + ".amazonaws.com";
    d.eventName = name;
    d.readOnly = false;
    d.identity = Identity.assumedRole(account, "Developer", "mallory", false, Organization.accessKey(r, "ASIA"));
    d.sourceIp = ATTACKER_IP;
    d.userAgent = ATTACKER_AGENT;
  }

  private void attackerUser(Draft d, String account, String name, String service) {
    attacker(d, account, name, service);
    d.identity = Identity.iamUser(account, "ci-deploy", "AKIA" + Identity.tag(account, "ci-deploy"));
  }

  private void scenario(String id, String title, String watch, String account, String region, double at, int count, Consumer<Draft> shape) {
    long t0 = start + (long) (span * at);
    List<Draft> drafts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Draft d = new Draft();
      d.epochSecond = t0 + i * (count > 10 ? 9L : 40L);
      d.account = account;
      d.region = region;
      d.eventId = Organization.uuid(r);
      d.requestId = Organization.uuid(r);
      shape.accept(d);
      drafts.add(d);
      ids.add(d.eventId);
    }
    planted.add(new Planted(new Incident(id, title, watch, account, drafts.get(0).region, RecordWriter.time(t0), ids), drafts));
  }
}
