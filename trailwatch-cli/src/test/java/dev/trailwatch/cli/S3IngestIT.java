// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.testkit.LoopbackAws;
import dev.trailwatch.testkit.SharedSamples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ingest s3://…} against S3Proxy on loopback, with static test credentials and an endpoint override. */
class S3IngestIT {
  @TempDir Path tmp;

  @Test
  void ingestsABucketAndSkipsWhatItAlreadyRead() throws Exception {
    try (LoopbackAws aws = LoopbackAws.start()) {
      String endpoint = aws.s3Endpoint();
      S3Client s3 = aws.s3();
      s3.createBucket(b -> b.bucket("foo"));
      aws.put("foo", "AWSLogs/222222222222/CloudTrail/us-east-1/2026/11/02/a.json.gz", SharedSamples.file("cpl/SerializerTestFileCompact.json.gz"));
      aws.put("foo", "AWSLogs/333333333333/CloudTrail/eu-west-1/2026/11/02/b.json", SharedSamples.file("otel/cloudtrail_log.json"));
      String data = tmp.resolve("data").toString();

      Cli first = Cli.run("ingest", "--json", "--data", data, "--endpoint", endpoint, "s3://foo");
      assertThat(first.exit()).as(first.err()).isZero();
      JsonNode s = new ObjectMapper().readTree(first.out());
      assertThat(s.get("files_read").asInt()).isEqualTo(2);
      assertThat(s.get("events_new").asInt()).isEqualTo(13);
      assertThat(Cli.run("query", "--data", data, "--csv", "SELECT source FROM files ORDER BY 1").out()).contains("s3://foo/AWSLogs/222222222222/");

      JsonNode again = new ObjectMapper().readTree(Cli.run("ingest", "--json", "--data", data, "--endpoint", endpoint, "s3://foo").out());
      assertThat(again.get("files_unchanged").asInt()).isEqualTo(2);
      assertThat(again.get("events_new").asInt()).isZero();

      Cli missing = Cli.run("ingest", "--data", data, "--endpoint", endpoint, "s3://no-such-bucket");
      assertThat(missing.exit()).isEqualTo(ExitStatus.FAILURE.code());
      assertThat(missing.err().strip()).startsWith("trailwatch: error: cannot list s3://no-such-bucket/: ").doesNotContain("\n");
      assertThat(missing.out()).contains("sources:  1 source could not be listed").doesNotContain("nothing to read");
    }
  }

  @Test
  void aBucketThatCannotBeListedIsNamedInTheSummaryAndTheOthersAreRead() throws Exception {
    try (LoopbackAws aws = LoopbackAws.start()) {
      aws.s3().createBucket(b -> b.bucket("foo"));
      aws.put("foo", "AWSLogs/222222222222/CloudTrail/us-east-1/2026/11/02/a.json.gz", SharedSamples.file("cpl/SerializerTestFileCompact.json.gz"));
      String data = tmp.resolve("data").toString();

      Cli both = Cli.run("ingest", "--json", "--data", data, "--endpoint", aws.s3Endpoint(), "s3://no-such-bucket/AWSLogs", "s3://foo");
      assertThat(both.exit()).as(both.err()).isEqualTo(ExitStatus.FAILURE.code());
      JsonNode s = new ObjectMapper().readTree(both.out());
      assertThat(s.get("files_read").asInt()).as("the bucket that lists is read").isEqualTo(1);
      assertThat(s.get("unlisted")).hasSize(1);
      assertThat(s.get("unlisted").get(0).get("source").asText()).isEqualTo("s3://no-such-bucket/AWSLogs/");
      assertThat(s.get("unlisted").get(0).get("reason").asText()).isNotBlank().doesNotContain("s3://no-such-bucket/AWSLogs/")
          .as("the same words each time (a watch says a lasting failure once), so no request ids").doesNotContain("Request ID")
          .contains("NoSuchBucket").contains("HTTP 404");
      assertThat(both.err().strip().lines()).containsExactly(
          "trailwatch: error: cannot list s3://no-such-bucket/AWSLogs/: " + s.get("unlisted").get(0).get("reason").asText());
    }
  }

  @Test
  void withoutCredentialsTheLineSaysWhereTheyComeFrom() throws Exception {
    // a child without the test credentials, and with nothing else to find them in; no instance metadata, no network
    ProcessBuilder b = Jar.builder(java.util.List.of("-Daws.disableEc2Metadata=true"), "ingest", "--data", tmp.resolve("data").toString(),
        "--endpoint", "http://127.0.0.1:9", "s3://foo");
    for (String v : java.util.List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
      b.environment().remove(v);
    }
    b.environment().put("AWS_CONFIG_FILE", tmp.resolve("no-config").toString());
    b.environment().put("AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("no-credentials").toString());
    Process p = b.start();
    p.getOutputStream().close();
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isEqualTo(ExitStatus.FAILURE.code());
    assertThat(err.lines()).containsExactly("trailwatch: error: cannot list s3://foo/: no AWS credentials found: set AWS_PROFILE (after aws sso login "
        + "if it uses SSO), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role is attached (EC2, ECS, EKS)");
  }
}
