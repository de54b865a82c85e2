// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class AwsErrorsTest {
  @Test
  void aServiceErrorIsItsMessageCodeAndStatusWithoutTheRequestsIds() {
    S3Exception denied = (S3Exception) S3Exception.builder().message("Access Denied").statusCode(403).requestId("4442587FB7D0A2F9")
        .extendedRequestId("eftixk72aD6Ap51TnqcoF8eFidJG9Z/2mkiDFu8yU9AS1ed4OpIszj7UDNEHGran")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied").serviceName("S3").build()).build();
    assertThat(denied.getMessage()).as("the SDK's own words").contains("Request ID: 4442587FB7D0A2F9");
    assertThat(AwsErrors.oneLine(denied)).isEqualTo("Access Denied (AccessDenied, HTTP 403)");
  }

  @Test
  void aServiceErrorWithoutAMessageSaysItsCode() {
    S3Exception gone = (S3Exception) S3Exception.builder().statusCode(404).requestId("X")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchKey").build()).build();
    assertThat(AwsErrors.oneLine(gone)).isEqualTo("refused (NoSuchKey, HTTP 404)");
  }

  @Test
  void aClientSideFailureKeepsTheSdksWordsWithoutTheAttemptCount() {
    SdkClientException refused = SdkClientException.create("Unable to execute HTTP request: Connect to 127.0.0.1:9 failed: Connection refused (SDK Attempt Count: 4)");
    assertThat(AwsErrors.oneLine(refused)).isEqualTo("Unable to execute HTTP request: Connect to 127.0.0.1:9 failed: Connection refused");
  }

  @Test
  void noCredentialsIsOneLineSayingWhereTheyComeFrom() {
    SdkClientException none = SdkClientException.create("Unable to load credentials from any of the providers in the chain "
        + "AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider()]) : "
        + "[SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. Access key must be specified either via "
        + "environment variable (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId).]");
    assertThat(AwsErrors.oneLine(none)).startsWith("no AWS credentials found: set AWS_PROFILE").contains("AWS_ACCESS_KEY_ID").hasSizeLessThan(200);
  }
}
