// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The S3 bucket policy that lets CloudTrail deliver several accounts' trails (or an organization trail) into
 * one bucket, as AWS documents it: {@code s3:GetBucketAcl} on the bucket, and {@code s3:PutObject} on
 * {@code arn:aws:s3:::BUCKET[/PREFIX]/AWSLogs/<account or org id>/*} with {@code s3:x-amz-acl =
 * bucket-owner-full-control}, both limited to the given accounts ({@code aws:SourceAccount}) or the
 * organization ({@code aws:SourceOrgID}), or, when the trails are named, to exactly those trails
 * ({@code aws:SourceArn}, AWS's preferred form: it also stops another trail of the same account writing).
 */
public final class BucketPolicy {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ORG = Pattern.compile("o-[a-z0-9]{10,32}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern TRAIL_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:cloudtrail:[a-z]{2}(-[a-z]+)+-\\d:(\\d{12}):trail/[A-Za-z0-9._-]{3,128}");

  private BucketPolicy() {}

  /**
   * The policy as pretty JSON.
   *
   * @param accounts the accounts whose trails deliver (ignored when {@code organization} is given); when
   *     empty and trails are named, the trails' accounts
   * @param trails the ARNs of the trails that deliver ({@code arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME});
   *     when given they replace the account or organization condition
   * @throws IllegalArgumentException naming the first invalid input
   */
  public static String json(String bucket, @Nullable String prefix, List<String> accounts, @Nullable String organization, List<String> trails) {
    validateBucket(bucket);
    String p = normalizePrefix(prefix);
    List<String> trailAccounts = new java.util.ArrayList<>();
    for (String t : trails) {
      java.util.regex.Matcher m = TRAIL_ARN.matcher(t);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a trail ARN (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME): " + t);
      }
      if (!trailAccounts.contains(m.group(3))) {
        trailAccounts.add(m.group(3));
      }
    }
    if (organization == null && accounts.isEmpty()) {
      accounts = trailAccounts;
    } else if (organization == null) {
      for (String a : trailAccounts) {
        if (!accounts.contains(a)) {
          throw new IllegalArgumentException("trail of account " + a + ", which is not in --accounts");
        }
      }
    }
    if (organization == null && accounts.isEmpty()) {
      throw new IllegalArgumentException("give --accounts, --organization or --trails");
    }
    if (organization != null && !ORG.matcher(organization).matches()) {
      throw new IllegalArgumentException("not an organization id (o- and 10 to 32 lower-case letters or digits): " + organization);
    }
    for (String a : accounts) {
      if (!ACCOUNT.matcher(a).matches()) {
        throw new IllegalArgumentException("not a 12-digit AWS account id: " + a);
      }
    }
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode policy = m.createObjectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");

    ObjectNode acl = statements.addObject();
    acl.put("Sid", "AWSCloudTrailAclCheck");
    acl.put("Effect", "Allow");
    acl.putObject("Principal").put("Service", "cloudtrail.amazonaws.com");
    acl.put("Action", "s3:GetBucketAcl");
    acl.put("Resource", "arn:aws:s3:::" + bucket);
    condition(acl.putObject("Condition").putObject("StringEquals"), accounts, organization, trails);

    ObjectNode write = statements.addObject();
    write.put("Sid", "AWSCloudTrailWrite");
    write.put("Effect", "Allow");
    write.putObject("Principal").put("Service", "cloudtrail.amazonaws.com");
    write.put("Action", "s3:PutObject");
    ArrayNode resources = write.putArray("Resource");
    String base = "arn:aws:s3:::" + bucket + (p.isEmpty() ? "" : "/" + p) + "/AWSLogs/";
    if (organization != null) {
      resources.add(base + organization + "/*");
    } else {
      accounts.forEach(a -> resources.add(base + a + "/*"));
    }
    ObjectNode equals = write.putObject("Condition").putObject("StringEquals");
    equals.put("s3:x-amz-acl", "bucket-owner-full-control");
    condition(equals, accounts, organization, trails);
    try {
      return m.writeValueAsString(policy);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a policy always serialises", e);
    }
  }

  private static void condition(ObjectNode equals, List<String> accounts, @Nullable String organization, List<String> trails) {
    if (!trails.isEmpty()) {
      ArrayNode a = equals.putArray("aws:SourceArn");
      trails.forEach(a::add);
    } else if (organization != null) {
      equals.put("aws:SourceOrgID", organization);
    } else {
      ArrayNode a = equals.putArray("aws:SourceAccount");
      accounts.forEach(a::add);
    }
  }

  /** S3's bucket naming rules (general purpose buckets). */
  static void validateBucket(String b) {
    if (!BUCKET.matcher(b).matches() || b.contains("..") || IP.matcher(b).matches() || b.startsWith("xn--") || b.startsWith("sthree-")
        || b.endsWith("-s3alias") || b.endsWith("--ol-s3") || b.contains(".-") || b.contains("-.")) {
      throw new IllegalArgumentException("not a valid S3 bucket name (3-63 lower-case letters, digits, dots and hyphens, starting and ending"
          + " with a letter or digit, not an IP address): " + b);
    }
  }

  private static String normalizePrefix(@Nullable String prefix) {
    if (prefix == null) {
      return "";
    }
    String p = prefix.replaceAll("^/+|/+$", "");
    if (p.contains("AWSLogs")) {
      throw new IllegalArgumentException("the prefix is what comes before AWSLogs/, without it: " + prefix);
    }
    if (p.contains("//") || p.contains("*")) {
      throw new IllegalArgumentException("not a valid key prefix: " + prefix);
    }
    return p;
  }
}
