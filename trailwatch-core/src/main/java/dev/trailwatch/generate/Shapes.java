// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.SplittableRandom;

/** Request parameters and response elements of the real shapes, for the calls detection cares about. */
final class Shapes {
  private Shapes() {}

  static void fill(Draft d, Catalog.Shape shape, SplittableRandom r) {
    String a = d.account;
    String region = d.region;
    switch (shape) {
      case NONE -> {}
      case BUCKET, BUCKET_POLICY -> {
        String bucket = bucket(a, r);
        d.requestParameters = shape == Catalog.Shape.BUCKET
            ? g -> obj(g, "bucketName", bucket, "Host", bucket + ".s3." + region + ".amazonaws.com")
            : g -> bucketPolicy(g, bucket, "{\"AWS\":\"arn:aws:iam::" + a + ":role/Developer\"}");
      }
      case OBJECT -> {
        String bucket = bucket(a, r);
        String key = "data/" + Organization.hex(r, 6) + "/part-" + r.nextInt(1000) + ".parquet";
        d.requestParameters = g -> obj(g, "bucketName", bucket, "key", key);
        d.eventCategory = "Data";
        d.managementEvent = false;
        d.resources = g -> {
          g.writeStartArray();
          resource(g, "AWS::S3::Object", "arn:aws:s3:::" + bucket + "/" + key);
          resource(g, "AWS::S3::Bucket", "arn:aws:s3:::" + bucket);
          g.writeEndArray();
        };
      }
      case INSTANCE -> {
        String id = "i-" + Organization.hex(r, 17);
        d.requestParameters = g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("instancesSet");
          g.writeArrayFieldStart("items");
          g.writeStartObject();
          g.writeStringField("instanceId", id);
          g.writeEndObject();
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndObject();
        };
      }
      case RUN_INSTANCES -> {
        String image = "ami-" + Organization.hex(r, 17);
        String id = "i-" + Organization.hex(r, 17);
        String type = r.nextBoolean() ? "t3.micro" : "m6i.large";
        d.requestParameters = g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("instancesSet");
          g.writeArrayFieldStart("items");
          g.writeStartObject();
          g.writeStringField("imageId", image);
          g.writeNumberField("minCount", 1);
          g.writeNumberField("maxCount", 1);
          g.writeEndObject();
          g.writeEndArray();
          g.writeEndObject();
          g.writeStringField("instanceType", type);
          g.writeEndObject();
        };
        d.responseElements = g -> {
          g.writeStartObject();
          g.writeStringField("reservationId", "r-" + id.substring(2));
          g.writeObjectFieldStart("instancesSet");
          g.writeArrayFieldStart("items");
          g.writeStartObject();
          g.writeStringField("instanceId", id);
          g.writeStringField("imageId", image);
          g.writeStringField("instanceType", type);
          g.writeEndObject();
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndObject();
        };
      }
      case SECURITY_GROUP_RULE -> {
        // Benign look-alikes: rules opened to internal ranges only.
        String cidr = new String[] {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "10.20.0.0/16"}[r.nextInt(4)];
        int port = new int[] {443, 8080, 5432, 6379, 22}[r.nextInt(5)];
        String group = "sg-" + Organization.hex(r, 17);
        d.requestParameters = g -> securityGroupRule(g, group, "tcp", port, port, cidr);
        d.responseElements = g -> obj(g, "_return", "true");
      }
      case NACL_ENTRY -> {
        String acl = "acl-" + Organization.hex(r, 17);
        int rule = 100 + r.nextInt(50);
        d.requestParameters = g -> naclEntry(g, acl, rule, false, "allow", "6", 443, 443, "10.0.0.0/16");
      }
      case IAM_USER -> {
        String user = Organization.USERS.get(r.nextInt(Organization.USERS.size()));
        if (d.eventName.contains("AccessKey") || d.eventName.contains("LoginProfile")) {
          // People rotate their own keys and passwords: no userName means "myself".
          d.requestParameters = null;
          return;
        }
        boolean attach = d.eventName.equals("AttachUserPolicy");
        d.requestParameters = attach
            ? g -> obj(g, "userName", user, "policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")
            : g -> obj(g, "userName", user);
      }
      case IAM_POLICY -> {
        String arn = "arn:aws:iam::" + a + ":policy/app-" + Organization.hex(r, 4);
        d.requestParameters = g -> obj(g, "policyArn", arn, "setAsDefault", "true");
      }
      case ROLE -> {
        String role = Organization.ROLES.get(r.nextInt(Organization.ROLES.size()));
        d.requestParameters = g -> obj(g, "roleName", role);
      }
      case ASSUME_ROLE -> {
        String role = Organization.ROLES.get(r.nextInt(Organization.ROLES.size()));
        String session = "session-" + Organization.hex(r, 8);
        String key = Organization.accessKey(r, "ASIA");
        d.requestParameters = g -> obj(g, "roleArn", "arn:aws:iam::" + a + ":role/" + role, "roleSessionName", session);
        d.responseElements = g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("credentials");
          g.writeStringField("accessKeyId", key);
          g.writeStringField("expiration", "Jan 1, 2030, 12:00:00 AM");
          g.writeEndObject();
          g.writeObjectFieldStart("assumedRoleUser");
          g.writeStringField("assumedRoleId", "AROA" + Identity.tag(a, role) + ":" + session);
          g.writeStringField("arn", "arn:aws:sts::" + a + ":assumed-role/" + role + "/" + session);
          g.writeEndObject();
          g.writeEndObject();
        };
      }
      case KEY -> {
        String key = "arn:aws:kms:" + region + ":" + a + ":key/" + Organization.uuid(r);
        d.requestParameters = g -> obj(g, "keyId", key, "encryptionAlgorithm", "SYMMETRIC_DEFAULT");
      }
      case TRAIL -> d.requestParameters = g -> obj(g, "name", "arn:aws:cloudtrail:us-east-1:" + a + ":trail/org-trail");
      case SNAPSHOT -> {
        String volume = "vol-" + Organization.hex(r, 17);
        d.requestParameters = g -> obj(g, "volumeId", volume, "description", "nightly backup");
      }
      case LOG_GROUP -> {
        String group = "/aws/lambda/orders-" + r.nextInt(8);
        String stream = "2026/01/01/[$LATEST]" + Organization.hex(r, 8);
        d.requestParameters = g -> obj(g, "logGroupName", group, "logStreamName", stream);
      }
      case FUNCTION -> {
        String fn = "orders-" + new String[] {"api", "worker", "sync"}[r.nextInt(3)];
        d.requestParameters = g -> obj(g, "functionName", fn);
        if (d.eventName.equals("Invoke")) {
          d.eventCategory = "Data";
          d.managementEvent = false;
        }
      }
      case TABLE -> {
        String table = new String[] {"orders", "sessions", "inventory"}[r.nextInt(3)];
        d.requestParameters = g -> obj(g, "tableName", table);
        if (d.eventName.equals("GetItem") || d.eventName.equals("PutItem")) {
          d.eventCategory = "Data";
          d.managementEvent = false;
        }
      }
      case SECRET -> {
        String secret = "prod/app/" + new String[] {"db", "api-key", "stripe"}[r.nextInt(3)];
        d.requestParameters = g -> obj(g, "secretId", secret);
      }
      case PARAMETER -> {
        String name = "/app/config/" + Organization.hex(r, 4);
        d.requestParameters = g -> obj(g, "name", name, "withDecryption", "true");
      }
      case QUEUE -> d.requestParameters = g -> obj(g, "queueUrl", "https://sqs." + region + ".amazonaws.com/" + a + "/orders");
      case TOPIC -> d.requestParameters = g -> obj(g, "topicArn", "arn:aws:sns:" + region + ":" + a + ":alerts");
      case STACK -> d.requestParameters = g -> obj(g, "stackName", "network-" + r.nextInt(4));
      case CLUSTER -> d.requestParameters = g -> obj(g, "cluster", "prod");
      case VPC_THING -> {
        String vpc = "vpc-" + Organization.hex(r, 17);
        d.requestParameters = g -> obj(g, "vpcId", vpc);
      }
    }
  }

  static String bucket(String account, SplittableRandom r) {
    return new String[] {"app-data-", "logs-", "backups-", "web-assets-"}[r.nextInt(4)] + account;
  }

  static void obj(JsonGenerator g, String... keyValues) throws IOException {
    g.writeStartObject();
    for (int i = 0; i < keyValues.length; i += 2) {
      g.writeStringField(keyValues[i], keyValues[i + 1]);
    }
    g.writeEndObject();
  }

  static void resource(JsonGenerator g, String type, String arn) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", type);
    g.writeStringField("ARN", arn);
    g.writeEndObject();
  }

  static void securityGroupRule(JsonGenerator g, String group, String protocol, int from, int to, String cidr) throws IOException {
    g.writeStartObject();
    g.writeStringField("groupId", group);
    g.writeObjectFieldStart("ipPermissions");
    g.writeArrayFieldStart("items");
    g.writeStartObject();
    g.writeStringField("ipProtocol", protocol);
    g.writeNumberField("fromPort", from);
    g.writeNumberField("toPort", to);
    g.writeObjectFieldStart("groups");
    g.writeEndObject();
    g.writeObjectFieldStart(cidr.contains(":") ? "ipv6Ranges" : "ipRanges");
    g.writeArrayFieldStart("items");
    g.writeStartObject();
    g.writeStringField(cidr.contains(":") ? "cidrIpv6" : "cidrIp", cidr);
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
  }

  static void naclEntry(JsonGenerator g, String acl, int rule, boolean egress, String action, String protocol, int from, int to, String cidr)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("networkAclId", acl);
    g.writeNumberField("ruleNumber", rule);
    g.writeBooleanField("egress", egress);
    g.writeStringField("ruleAction", action);
    g.writeObjectFieldStart("icmpTypeCode");
    g.writeEndObject();
    g.writeObjectFieldStart("portRange");
    g.writeNumberField("from", from);
    g.writeNumberField("to", to);
    g.writeEndObject();
    g.writeStringField("aclProtocol", protocol);
    g.writeStringField("cidrBlock", cidr);
    g.writeEndObject();
  }

  static void bucketPolicy(JsonGenerator g, String bucket, String principalJson) throws IOException {
    g.writeStartObject();
    g.writeStringField("bucketName", bucket);
    g.writeObjectFieldStart("bucketPolicy");
    g.writeStringField("Version", "2012-10-17");
    g.writeArrayFieldStart("Statement");
    g.writeStartObject();
    g.writeStringField("Effect", "Allow");
    g.writeFieldName("Principal");
    g.writeRawValue(principalJson);
    g.writeStringField("Action", "s3:GetObject");
    g.writeStringField("Resource", "arn:aws:s3:::" + bucket + "/*");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeStringField("policy", "");
    g.writeEndObject();
  }
}
