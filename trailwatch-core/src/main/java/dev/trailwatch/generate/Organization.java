// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import java.util.List;
import java.util.SplittableRandom;

/** Who works in the synthetic organisation, and from where. */
final class Organization {
  static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin", "ci-deploy", "backup-svc");
  static final List<String> ROLES = List.of(
      "Admin", "Developer", "ReadOnly", "AWSReservedSSO_AdministratorAccess_3f1a2b4c5d6e7f80",
      "AWSReservedSSO_ReadOnlyAccess_9c8d7e6f5a4b3c2d", "lambda-orders-exec", "ecs-task-api", "terraform-deployer",
      "OrganizationAccountAccessRole");
  static final List<String> SERVICES = List.of(
      "cloudformation.amazonaws.com", "autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com",
      "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "config.amazonaws.com", "backup.amazonaws.com",
      "ssm.amazonaws.com");
  static final List<String> AGENTS = List.of(
      "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/",
      "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.8",
      "aws-sdk-java/2.25.16 Linux/6.1.0 OpenJDK_64-Bit_Server_VM/17.0.10+7 Java/17.0.10",
      "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0",
      "console.amazonaws.com",
      "aws-internal/3 aws-sdk-java/1.12.680 Linux/5.10 OpenJDK_64-Bit_Server_VM/25.402-b08 java/1.8.0_402");
  /** A partner account outside the organisation that reads shared resources. */
  static final String PARTNER = "999988887777";

  private Organization() {}

  /** An office or VPN address in the documentation range 198.51.100.0/24. */
  static String officeIp(SplittableRandom r) {
    return "198.51.100." + (10 + r.nextInt(40));
  }

  static String accessKey(SplittableRandom r, String prefix) {
    return prefix + randomUpper(r, 16);
  }

  static String randomUpper(SplittableRandom r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(r.nextInt(32)));
    }
    return b.toString();
  }

  static String hex(SplittableRandom r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    return b.toString();
  }

  static String uuid(SplittableRandom r) {
    return hex(r, 8) + "-" + hex(r, 4) + "-4" + hex(r, 3) + "-a" + hex(r, 3) + "-" + hex(r, 12);
  }
}
