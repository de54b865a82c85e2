// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The AWS SDK's errors in the same words each time they happen. The SDK's own message ends with the request's ids and
 * its attempt count, which differ on every request; a watch says a lasting failure once, comparing the words.
 */
public final class AwsErrors {
  private AwsErrors() {}

  /** "The specified bucket does not exist (NoSuchBucket, HTTP 404)"; a client-side failure as the SDK words it. */
  public static String oneLine(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      AwsErrorDetails d = s.awsErrorDetails();
      String what = d.errorMessage() != null && !d.errorMessage().isBlank() ? d.errorMessage() : "refused";
      return what + " (" + (d.errorCode() != null ? d.errorCode() + ", " : "") + "HTTP " + s.statusCode() + ")";
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (m.startsWith("Unable to load credentials from any of the providers")) { // 1,400 characters naming every provider
      return "no AWS credentials found: set AWS_PROFILE (after aws sso login if it uses SSO), or AWS_ACCESS_KEY_ID and "
          + "AWS_SECRET_ACCESS_KEY, or run where a role is attached (EC2, ECS, EKS)";
    }
    return m.replaceAll(" \\(SDK Attempt Count: \\d+\\)", "");
  }
}
