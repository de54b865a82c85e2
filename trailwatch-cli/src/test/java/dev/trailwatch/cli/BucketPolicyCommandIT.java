// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The policy for the brief's bucket 'foo' in 111111111111 receiving 222222222222 and 333333333333, field by field. */
class BucketPolicyCommandIT {
  @Test
  void theBriefsThreeAccounts() throws Exception {
    Cli r = Cli.run("bucket-policy", "--bucket", "foo", "--accounts", "111111111111,222222222222,333333333333");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode p = new ObjectMapper().readTree(r.out());
    assertThat(p.get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(p.get("Statement")).hasSize(2);
    JsonNode acl = p.get("Statement").get(0);
    assertThat(acl.get("Effect").asText()).isEqualTo("Allow");
    assertThat(acl.get("Principal").get("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
    assertThat(acl.get("Action").asText()).isEqualTo("s3:GetBucketAcl");
    assertThat(acl.get("Resource").asText()).isEqualTo("arn:aws:s3:::foo");
    assertThat(acl.get("Condition").get("StringEquals").get("aws:SourceAccount").toString())
        .isEqualTo("[\"111111111111\",\"222222222222\",\"333333333333\"]");
    JsonNode write = p.get("Statement").get(1);
    assertThat(write.get("Effect").asText()).isEqualTo("Allow");
    assertThat(write.get("Principal").get("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
    assertThat(write.get("Action").asText()).isEqualTo("s3:PutObject");
    assertThat(write.get("Resource").toString()).isEqualTo(
        "[\"arn:aws:s3:::foo/AWSLogs/111111111111/*\",\"arn:aws:s3:::foo/AWSLogs/222222222222/*\",\"arn:aws:s3:::foo/AWSLogs/333333333333/*\"]");
    assertThat(write.get("Condition").get("StringEquals").get("s3:x-amz-acl").asText()).isEqualTo("bucket-owner-full-control");
    assertThat(write.get("Condition").get("StringEquals").get("aws:SourceAccount")).hasSize(3);
  }

  @Test
  void aPrefixAndAnOrganizationTrail() throws Exception {
    JsonNode p = new ObjectMapper().readTree(Cli.run("bucket-policy", "--bucket", "org-logs", "--prefix", "/trails/", "--organization", "o-exampleorgid").out());
    JsonNode write = p.get("Statement").get(1);
    assertThat(write.get("Resource").get(0).asText()).isEqualTo("arn:aws:s3:::org-logs/trails/AWSLogs/o-exampleorgid/*");
    assertThat(write.get("Condition").get("StringEquals").get("aws:SourceOrgID").asText()).isEqualTo("o-exampleorgid");
  }

  @Test
  void namedTrailsAreAdmittedBySourceArnAsAwsDocumentsForSeveralAccounts() throws Exception {
    String primary = "arn:aws:cloudtrail:us-east-1:111111111111:trail/primaryTrailName";
    String secondary = "arn:aws:cloudtrail:us-east-1:222222222222:trail/secondaryTrailName";
    Cli r = Cli.run("bucket-policy", "--bucket", "foo", "--prefix", "optionalLogFilePrefix", "--trails", primary + "," + secondary);
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode p = new ObjectMapper().readTree(r.out());
    JsonNode acl = p.get("Statement").get(0);
    assertThat(acl.get("Condition").get("StringEquals").get("aws:SourceArn").toString()).isEqualTo("[\"" + primary + "\",\"" + secondary + "\"]");
    assertThat(acl.get("Condition").get("StringEquals").has("aws:SourceAccount")).isFalse();
    JsonNode write = p.get("Statement").get(1);
    assertThat(write.get("Resource").toString()).isEqualTo(
        "[\"arn:aws:s3:::foo/optionalLogFilePrefix/AWSLogs/111111111111/*\",\"arn:aws:s3:::foo/optionalLogFilePrefix/AWSLogs/222222222222/*\"]");
    assertThat(write.get("Condition").get("StringEquals").get("aws:SourceArn")).hasSize(2);
    assertThat(write.get("Condition").get("StringEquals").get("s3:x-amz-acl").asText()).isEqualTo("bucket-owner-full-control");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " ;; ", textBlock = """
      short account          ;; --bucket foo --accounts 12345                       ;; 12-digit
      bucket with capitals   ;; --bucket Foo --accounts 111111111111                ;; bucket name
      bucket as ip           ;; --bucket 192.168.1.1 --accounts 111111111111        ;; bucket name
      bucket with two dots   ;; --bucket my..logs --accounts 111111111111           ;; bucket name
      prefix with AWSLogs    ;; --bucket foo --prefix x/AWSLogs --accounts 111111111111 ;; prefix
      bad organization       ;; --bucket foo --organization org-1                   ;; organization id
      neither                ;; --bucket foo                                        ;; --accounts
      both                   ;; --bucket foo --accounts 111111111111 --organization o-exampleorgid ;; mutually exclusive
      not a trail arn        ;; --bucket foo --trails arn:aws:s3:::foo              ;; not a trail ARN
      trail of another account ;; --bucket foo --accounts 111111111111 --trails arn:aws:cloudtrail:us-east-1:999999999999:trail/trail1 ;; not in --accounts
      """)
  void refusesInvalidInputAsAUsageError(String name, String args, String message) {
    Cli r = Cli.run(("bucket-policy " + args).split(" "));
    assertThat(r.exit()).as(name).isEqualTo(ExitStatus.USAGE.code());
    assertThat(r.err()).as(name).contains(message);
  }
}
